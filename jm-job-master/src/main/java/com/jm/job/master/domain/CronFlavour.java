package com.jm.job.master.domain;

/**
 * Which dialect a task's cron expression is written in. The same text means different times in
 * each (day-of-week 6 is Saturday in {@link #SPRING} and Friday in {@link #QUARTZ}), so the flavour
 * is stored with the expression.
 */
public enum CronFlavour {
    /** Spring's {@code CronExpression}: six fields, seconds first, day-of-week 0 or 7 = Sunday, 1 = Monday. */
    SPRING,
    /**
     * Quartz's and XXL-JOB's: six or seven fields (seconds first, an optional year last), day-of-week
     * 1 = Sunday to 7 = Saturday, {@code ?} in day-of-month or day-of-week, {@code L}, {@code W} and
     * {@code #}.
     */
    QUARTZ,
    /**
     * Unix (Vixie) cron: five fields, minute first, day-of-week 0 or 7 = Sunday; a day matches
     * either day field when both are restricted.
     */
    UNIX
}
