package com.jm.job.client;

import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

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
    private final Supplier<Instant> leaseDeadline;

    /**
     * A context whose lease never ends, for tests of handlers.
     *
     * @param taskId the task being run
     * @param runId this execution
     * @param taskName the task's name, for logs
     * @param params the task's parameters as stored, or {@code null}
     * @param attempt attempt number of this execution, starting at 1
     * @param cancelled answers whether the run has been asked to stop
     */
    public JobContext(long taskId, long runId, String taskName, String params, int attempt, BooleanSupplier cancelled) {
        this(taskId, runId, taskName, params, attempt, cancelled, () -> Instant.MAX);
    }

    /**
     * @param taskId the task being run
     * @param runId this execution, also its fencing token
     * @param taskName the task's name, for logs
     * @param params the task's parameters as stored, or {@code null}
     * @param attempt attempt number of this execution, starting at 1
     * @param cancelled answers whether the run has been asked to stop
     * @param leaseDeadline answers the current end of the run's lease on the node's clock
     */
    public JobContext(
            long taskId,
            long runId,
            String taskName,
            String params,
            int attempt,
            BooleanSupplier cancelled,
            Supplier<Instant> leaseDeadline) {
        this.taskId = taskId;
        this.runId = runId;
        this.taskName = taskName;
        this.params = params;
        this.attempt = attempt;
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
        this.leaseDeadline = Objects.requireNonNull(leaseDeadline, "leaseDeadline");
    }

    /** The task being run. */
    public long taskId() {
        return taskId;
    }

    /** This execution; every report about it names this id. */
    public long runId() {
        return runId;
    }

    /**
     * A number that grows with every run of the task: a later run of the same task always has a
     * greater token (it is the run id, which the master's database hands out in increasing order).
     * A handler whose side effects outlive its lease passes it to the store it writes to and makes
     * each write conditional on it ({@code UPDATE … WHERE fence_token <= ?}, or a store's own fencing
     * feature), so a write from a run that lost its lease to a newer run is refused by the store.
     */
    public long fencingToken() {
        return runId;
    }

    /**
     * When the run's lease ends, on the node's clock, as far as the node knows: the moment it sent
     * the last poll or heartbeat the master answered, plus the master's lease length; it moves
     * forward with every successful heartbeat. The node cancels the run at this deadline minus
     * {@code jm.job.client.lease-safety-margin} (at most a fifth of the lease) if no heartbeat renewed it, so a step that cannot
     * finish before then should not start. {@link Instant#MAX} when the master did not say how long
     * leases last, or for a context made by hand.
     */
    public Instant leaseDeadline() {
        return leaseDeadline.get();
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
     * Whether this run has been asked to stop: cancelled by the master (its task was disabled, or the
     * run is no longer its task's current run), its lease could not be renewed in time, past its
     * time limit, or the node is shutting down. The lease is checked on every call, so a handler
     * woken from a pause longer than its lease sees {@code true} at its next check. The handler's thread is also interrupted then, so
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
