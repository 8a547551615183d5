package com.jm.job.master.importer;

import java.util.List;

/**
 * What the import read from an XXL-JOB database: its executors ({@code xxl_job_group}) and jobs
 * ({@code xxl_job_info}), the columns that say what a job is and how it runs.
 */
public record XxlJobSnapshot(List<Group> groups, List<Job> jobs) {

    /** A row of {@code xxl_job_group}: an executor, whose nodes register with its app name. */
    public record Group(int id, String appName, String title) {}

    /** A row of {@code xxl_job_info}. */
    public record Job(
            int id,
            int groupId,
            String description,
            String scheduleType,
            String scheduleConf,
            String misfireStrategy,
            String routeStrategy,
            String handler,
            String params,
            String blockStrategy,
            int timeoutSeconds,
            int failRetryCount,
            String glueType,
            String childJobIds,
            int triggerStatus) {}
}
