package com.jm.job.master.importer;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads an XXL-JOB database, read-only, with MySQL Connector/J (named here, never picked by the
 * URL). Only {@code xxl_job_group} and {@code xxl_job_info} are read.
 */
public final class XxlJobSource {

    private XxlJobSource() {}

    /** Connects to the checked URL and reads the executors and jobs. */
    public static XxlJobSnapshot read(SourceUrl url, String user, String password) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        // Also off by default; said again so no default of a later driver can turn them on.
        properties.setProperty("allowLoadLocalInfile", "false");
        properties.setProperty("allowUrlInLocalInfile", "false");
        properties.setProperty("autoDeserialize", "false");
        properties.putIfAbsent("connectTimeout", "10000");
        try (Connection connection = connectorJ().connect(url.jdbcUrl(), properties)) {
            if (connection == null) {
                throw new RefusedSourceException("MySQL Connector/J does not take " + url.display());
            }
            connection.setReadOnly(true);
            return new XxlJobSnapshot(groups(connection), jobs(connection));
        } catch (SQLException e) {
            throw new RefusedSourceException(
                    "cannot read the XXL-JOB database at " + url.display() + ": " + e.getMessage());
        }
    }

    private static Driver connectorJ() {
        try {
            return (Driver) Class.forName("com.mysql.cj.jdbc.Driver")
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("MySQL Connector/J is not on the master's class path", e);
        }
    }

    private static List<XxlJobSnapshot.Group> groups(Connection connection) throws SQLException {
        List<XxlJobSnapshot.Group> groups = new ArrayList<>();
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT id, app_name, title FROM xxl_job_group ORDER BY id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                groups.add(new XxlJobSnapshot.Group(
                        rows.getInt("id"), rows.getString("app_name"), rows.getString("title")));
            }
        }
        return groups;
    }

    private static List<XxlJobSnapshot.Job> jobs(Connection connection) throws SQLException {
        List<XxlJobSnapshot.Job> jobs = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, job_group, job_desc, schedule_type,"
                        + " schedule_conf, misfire_strategy, executor_route_strategy, executor_handler, executor_param,"
                        + " executor_block_strategy, executor_timeout, executor_fail_retry_count, glue_type,"
                        + " child_jobid, trigger_status FROM xxl_job_info ORDER BY id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                jobs.add(new XxlJobSnapshot.Job(
                        rows.getInt("id"),
                        rows.getInt("job_group"),
                        rows.getString("job_desc"),
                        rows.getString("schedule_type"),
                        rows.getString("schedule_conf"),
                        rows.getString("misfire_strategy"),
                        rows.getString("executor_route_strategy"),
                        rows.getString("executor_handler"),
                        rows.getString("executor_param"),
                        rows.getString("executor_block_strategy"),
                        rows.getInt("executor_timeout"),
                        rows.getInt("executor_fail_retry_count"),
                        rows.getString("glue_type"),
                        rows.getString("child_jobid"),
                        rows.getInt("trigger_status")));
            }
        }
        return jobs;
    }
}
