package com.jm.job.master.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that run the master's SQL on a real MySQL-protocol server: one fresh database per
 * test JVM, migrated by Flyway at context start. {@link #clean()} empties it between tests.
 */
public abstract class MariaDbTest {

    private static String url;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", MariaDbTest::url);
        registry.add("spring.datasource.username", () -> TestDatabases.server().user());
        registry.add("spring.datasource.password", () -> TestDatabases.server().password());
    }

    private static synchronized String url() {
        if (url == null) {
            url = TestDatabases.createDatabase("it");
        }
        return url;
    }

    /** Deletes every row, children first. */
    protected void clean() {
        jdbc.update("DELETE FROM jm_run_log");
        jdbc.update("DELETE FROM jm_alarm_rule"); // its deliveries and silences go with it
        jdbc.update("DELETE FROM jm_task_run");
        jdbc.update("DELETE FROM jm_task_child");
        jdbc.update("DELETE FROM jm_task WHERE unit_of IS NOT NULL");
        jdbc.update("DELETE FROM jm_task");
        jdbc.update("DELETE FROM jm_node");
        jdbc.update("DELETE FROM jm_group");
    }
}
