package com.jm.job.master.importer;

import com.jm.job.master.support.TestDatabases;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An XXL-JOB admin database on the test server: a database of its own with XXL-JOB's tables
 * ({@code xxl-job/tables_xxl_job.sql}), and rows a test adds.
 */
final class XxlJobDatabase {

    private final String url;
    private final JdbcTemplate jdbc;

    private XxlJobDatabase(String url) {
        this.url = url;
        this.jdbc = new JdbcTemplate(new DriverManagerDataSource(
                url, TestDatabases.server().user(), TestDatabases.server().password()));
    }

    static XxlJobDatabase create() {
        XxlJobDatabase database = new XxlJobDatabase(TestDatabases.createDatabase("xxljob"));
        SchemaScript.run(database.jdbc, "/xxl-job/tables_xxl_job.sql", sql -> sql);
        return database;
    }

    String url() {
        return url;
    }

    XxlJobSnapshot read() {
        return XxlJobSource.read(
                SourceUrl.parse(url),
                TestDatabases.server().user(),
                TestDatabases.server().password());
    }

    XxlJobDatabase group(int id, String appName, String title) {
        jdbc.update(
                "INSERT INTO xxl_job_group (id, app_name, title, address_type, update_time) VALUES (?, ?, ?, 0, NOW())",
                id,
                appName,
                title);
        return this;
    }

    /**
     * A row of {@code xxl_job_info}: a running BEAN job of group 1 every 30 s with no other setting
     * (as XXL-JOB's admin writes one), changed by {@code columns}.
     */
    XxlJobDatabase job(int id, Map<String, Object> columns) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("job_group", 1);
        row.put("job_desc", "job " + id);
        row.put("author", "XXL");
        row.put("schedule_type", "FIX_RATE");
        row.put("schedule_conf", "30");
        row.put("misfire_strategy", "DO_NOTHING");
        row.put("executor_route_strategy", "FIRST");
        row.put("executor_handler", "demoJobHandler");
        row.put("executor_param", "");
        row.put("executor_block_strategy", "SERIAL_EXECUTION");
        row.put("executor_timeout", 0);
        row.put("executor_fail_retry_count", 0);
        row.put("glue_type", "BEAN");
        row.put("glue_source", "");
        row.put("glue_remark", "GLUE code init");
        row.put("child_jobid", "");
        row.put("trigger_status", 1);
        row.putAll(columns);
        String names = String.join(", ", row.keySet());
        String marks = String.join(", ", row.keySet().stream().map(k -> "?").toList());
        jdbc.update(
                "INSERT INTO xxl_job_info (" + names + ", add_time, update_time, glue_updatetime) VALUES (" + marks
                        + ", NOW(), NOW(), NOW())",
                row.values().toArray());
        return this;
    }
}
