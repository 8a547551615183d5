package com.jm.job.master.domain;

/**
 * A task's priority: within a group, due tasks of a higher priority are claimed first, then by due
 * time. Tasks created without one, and every task from before priorities existed, have {@link
 * #DEFAULT}.
 */
public final class TaskPriority {

    public static final int MIN = 0;
    public static final int MAX = 9;
    public static final int DEFAULT = 0;

    private TaskPriority() {}
}
