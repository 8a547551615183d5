package com.jm.job.master.domain;

/** Why a task became pending; its next run records it. */
public enum Trigger {
    /** Inserted without a cron expression: runs once, at once. */
    INSERT,
    /** Its cron fire time came. */
    CRON,
    /** A fire time of its fixed-rate, fixed-delay or run-at schedule came. */
    SCHEDULE,
    /** An operator asked for a run now. */
    MANUAL,
    /** An automatic retry after a failed run. */
    RETRY,
    /** A fire of a parent task succeeded. */
    CHILD
}
