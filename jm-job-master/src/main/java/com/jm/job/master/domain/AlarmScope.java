package com.jm.job.master.domain;

/** Which tasks and groups an alarm rule covers. */
public enum AlarmScope {
    /** Every task and group. */
    ALL,
    /** The tasks of one group, and the group itself. */
    GROUP,
    /** One task. */
    TASK
}
