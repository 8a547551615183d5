package com.jm.job.master.importer;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.jdbc.core.JdbcTemplate;

/** What a dry run or a refused import leaves in the master's database: no group and no task. */
final class NothingWritten {

    private NothingWritten() {}

    static void in(JdbcTemplate master) {
        assertThat(master.queryForObject("SELECT COUNT(*) FROM jm_task", Long.class))
                .as("tasks written")
                .isZero();
        assertThat(master.queryForObject("SELECT COUNT(*) FROM jm_group", Long.class))
                .as("groups written")
                .isZero();
    }
}
