package com.jm.job.client.testing;

import com.jm.job.common.protocol.TaskAssignment;

/** Task assignments for tests. */
public final class Tasks {

    private Tasks() {}

    public static TaskAssignment task(long runId, String beanName) {
        return new TaskAssignment(runId, runId * 10, "task-" + runId, beanName, "p" + runId, 1, null);
    }

    public static TaskAssignment task(long runId, String beanName, Integer timeoutSeconds) {
        return new TaskAssignment(runId, runId * 10, "task-" + runId, beanName, "p" + runId, 1, timeoutSeconds);
    }

    /** One run of a sharded (or broadcast) fire: part {@code index} of {@code total}. */
    public static TaskAssignment shard(long runId, String beanName, Integer index, Integer total, String param) {
        return new TaskAssignment(
                runId, runId * 10, "task-" + runId, beanName, "p" + runId, 1, null, index, total, param);
    }
}
