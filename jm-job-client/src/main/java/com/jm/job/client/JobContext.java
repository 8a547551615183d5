package com.jm.job.client;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What a handler knows about the run it executes. The node creates one per run; tests of handlers
 * can create their own.
 */
public final class JobContext {

    private final long taskId;
    private final long runId;
    private final String taskName;
    private final String params;
    private final int attempt;
    private final BooleanSupplier cancelled;

    /**
     * @param taskId the task being run
     * @param runId this execution
     * @param taskName the task's name, for logs
     * @param params the task's parameters as stored, or {@code null}
     * @param attempt attempt number of this execution, starting at 1
     * @param cancelled answers whether the run has been asked to stop
     */
    public JobContext(long taskId, long runId, String taskName, String params, int attempt, BooleanSupplier cancelled) {
        this.taskId = taskId;
        this.runId = runId;
        this.taskName = taskName;
        this.params = params;
        this.attempt = attempt;
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
    }

    /** The task being run. */
    public long taskId() {
        return taskId;
    }

    /** This execution; every report about it names this id. */
    public long runId() {
        return runId;
    }

    /** The task's name, for logs. */
    public String taskName() {
        return taskName;
    }

    /** The task's parameters as stored (free text, often JSON), or {@code null}. */
    public String params() {
        return params;
    }

    /** Attempt number of this execution, starting at 1; greater after automatic or manual retries. */
    public int attempt() {
        return attempt;
    }

    /**
     * Whether this run has been asked to stop: cancelled by the master (its task was disabled), past
     * its time limit, or the node is shutting down. The handler's thread is also interrupted then, so
     * blocking calls end early; a handler that loops should check this and return.
     */
    public boolean isCancelled() {
        return cancelled.getAsBoolean();
    }

    @Override
    public String toString() {
        return "JobContext[task " + taskId + " '" + taskName + "', run " + runId + ", attempt " + attempt + "]";
    }
}
