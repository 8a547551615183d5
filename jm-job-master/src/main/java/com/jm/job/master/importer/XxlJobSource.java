package com.jm.job.master.importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an XXL-JOB database, read-only ({@link SourceConnection}). Only {@code xxl_job_group} and {@code xxl_job_info} are read.
 */
public final class XxlJobSource {

    private XxlJobSource() {}

    /** Connects to the checked URL and reads the executors and jobs. */
    public static XxlJobSnapshot read(SourceUrl url, String user, String password) {
        try (Connection connection = SourceConnection.open(url, user, password)) {
            return new XxlJobSnapshot(groups(connection), jobs(connection));
        } catch (SQLException e) {
            throw new RefusedSourceException(
                    "cannot read the XXL-JOB database at " + url.display() + ": " + e.getMessage());
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
