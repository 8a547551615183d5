package com.jm.job.master.importer;

import java.util.List;
import java.util.Set;

/**
 * What the import read from one scheduler of a Quartz JDBC job store: its jobs ({@code
 * JOB_DETAILS}), triggers ({@code TRIGGERS} with their {@code CRON_TRIGGERS} or {@code
 * SIMPLE_TRIGGERS} row) and paused trigger groups ({@code PAUSED_TRIGGER_GRPS}). Data maps are kept
 * as the bytes Quartz stored; {@link QuartzJobData} reads them.
 *
 * @param scheduler the {@code SCHED_NAME} read
 */
public record QuartzSnapshot(String scheduler, List<Job> jobs, List<Trigger> triggers, Set<String> pausedGroups) {

    /** The marker {@code pauseAll()} adds to the paused groups: every group is paused, new ones too. */
    static final String ALL_GROUPS_PAUSED = "_$_ALL_GROUPS_PAUSED_$_";

    /** A row of {@code JOB_DETAILS}. */
    public record Job(
            String name,
            String group,
            String description,
            String className,
            boolean nonConcurrent,
            boolean updatesData,
            boolean requestsRecovery,
            byte[] data) {}

    /**
     * A row of {@code TRIGGERS}, with its cron or simple part when it has one.
     *
     * @param nextFireTime epoch milliseconds, or {@code null} (Quartz stores -1 or NULL when it fires no more)
     * @param endTime epoch milliseconds, or {@code null} for none
     */
    public record Trigger(
            String name,
            String group,
            String jobName,
            String jobGroup,
            String description,
            Long nextFireTime,
            int priority,
            String state,
            String type,
            long startTime,
            Long endTime,
            String calendarName,
            int misfireInstruction,
            byte[] data,
            Cron cron,
            Simple simple) {}

    /** A row of {@code CRON_TRIGGERS}. */
    public record Cron(String expression, String timeZoneId) {}

    /** A row of {@code SIMPLE_TRIGGERS}: {@code repeatCount} -1 repeats forever. */
    public record Simple(long repeatCount, long repeatIntervalMs, long timesTriggered) {}
}
