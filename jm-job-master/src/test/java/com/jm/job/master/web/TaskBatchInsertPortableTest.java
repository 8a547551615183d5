package com.jm.job.master.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.store.SqlDialects;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The batch insert's checks again with the statements MySQL runs, on the same real InnoDB server. */
@TestPropertySource(properties = "jm.job.master.sql-dialect=portable")
class TaskBatchInsertPortableTest extends TaskBatchInsertTest {

    @Autowired
    SqlSessionFactory sqlSessions;

    @Test
    void runsThePortableStatements() {
        assertThat(sqlSessions.getConfiguration().getDatabaseId()).isEqualTo(SqlDialects.MYSQL);
    }
}
