package com.jm.job.client;

import com.jm.job.common.protocol.LogLevel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;

/**
 * What a handler knows about the run it executes. The node creates one per run; tests of handlers
 * can create their own, with a constructor or with {@link #builder()}.
 *
 * <p>A fire of a sharded or broadcast task has several runs, and {@link #shardIndex()} and {@link
 * #shardTotal()} say which part of the fire's work this run is. A handler that splits its work by
 * id takes the ids with {@code id % shardTotal() == shardIndex()}; the same code serves ordinary
 * runs, which are shard 0 of 1.
 *
 * <p>{@link #log(String, Object...)} writes a line to the run's log, which operators read on the
 * master ({@code GET /api/runs/{id}/log}); SLF4J logging on the handler's thread goes there too
 * while the starter's capture is on.
 */
public final class JobContext {

    private final long taskId;
    private final long runId;
    private final String taskName;
    private final String params;
    private final int attempt;
    private final int shardIndex;
    private final int shardTotal;
    private final String shardParam;
    private final BooleanSupplier cancelled;
    private final Supplier<Instant> leaseDeadline;
    private final RunLogSink logSink;

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
     * A context of an ordinary run (shard 0 of 1); {@link #builder()} makes sharded ones.
     *
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
        this(builder()
                .taskId(taskId)
                .runId(runId)
                .taskName(taskName)
                .params(params)
                .attempt(attempt)
                .cancelled(cancelled)
                .leaseDeadline(leaseDeadline));
    }

    private JobContext(Builder builder) {
        this.taskId = builder.taskId;
        this.runId = builder.runId;
        this.taskName = builder.taskName;
        this.params = builder.params;
        this.attempt = builder.attempt;
        this.shardIndex = builder.shardIndex;
        this.shardTotal = builder.shardTotal;
        this.shardParam = builder.shardParam;
        this.cancelled = Objects.requireNonNull(builder.cancelled, "cancelled");
        this.leaseDeadline = Objects.requireNonNull(builder.leaseDeadline, "leaseDeadline");
        this.logSink = Objects.requireNonNull(builder.logSink, "logSink");
    }

    /**
     * Starts describing a context: by default task 0, run 0, no name and no params, attempt 1,
     * shard 0 of 1 with no shard parameter, never cancelled, a lease that never ends, and a log
     * that keeps nothing.
     */
    public static Builder builder() {
        return new Builder();
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
     * Which part of the fire's work this run is, from 0 to {@link #shardTotal()} − 1. For a task
     * with shards it is the shard: each index runs once per fire (a failed shard is retried with
     * the same index). For a broadcast task it is this node's position among the nodes the fire
     * went to, so each node can take its own slice. 0 for an ordinary run.
     */
    public int shardIndex() {
        return shardIndex;
    }

    /**
     * How many parts the fire's work is split into: the task's shard count, or for a broadcast the
     * number of nodes the fire went to (nodes that join later do not count). 1 for an ordinary run.
     */
    public int shardTotal() {
        return shardTotal;
    }

    /**
     * The task's parameter for this shard index, when the task gives one per shard (a region or a
     * key range, say), or {@code null}. The task's own {@link #params()} are the same for every
     * shard.
     */
    public String shardParam() {
        return shardParam;
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

    /**
     * Writes an {@code INFO} line to this run's log.
     *
     * @param format the text, with SLF4J's {@code {}} placeholders for {@code args}
     * @param args the values for the placeholders; a {@link Throwable} after the last one adds its
     *     stack trace, as in SLF4J
     */
    public void log(String format, Object... args) {
        log(LogLevel.INFO, format, args);
    }

    /**
     * Writes a line to this run's log. It never blocks and never fails the run: the node buffers
     * lines within a bound and ships them to the master in batches, and lines it cannot keep are
     * dropped and counted (the log then shows a line saying how many).
     *
     * @param level how important the line is
     * @param format the text, with SLF4J's {@code {}} placeholders for {@code args}
     * @param args the values for the placeholders; a {@link Throwable} after the last one adds its
     *     stack trace
     */
    public void log(LogLevel level, String format, Object... args) {
        FormattingTuple line = MessageFormatter.arrayFormat(format, args);
        String text = line.getMessage();
        if (line.getThrowable() != null) {
            StringWriter trace = new StringWriter();
            line.getThrowable().printStackTrace(new PrintWriter(trace));
            text = (text == null ? "" : text + System.lineSeparator()) + trace;
        }
        logSink.write(Objects.requireNonNull(level, "level"), text);
    }

    @Override
    public String toString() {
        String shard = shardTotal > 1 ? ", shard " + shardIndex + " of " + shardTotal : "";
        return "JobContext[task " + taskId + " '" + taskName + "', run " + runId + ", attempt " + attempt + shard + "]";
    }

    /**
     * Describes a {@link JobContext}; each setter returns this builder and {@link #build()} makes
     * the context. Meant for tests of handlers and for the node itself.
     */
    public static final class Builder {

        private long taskId;
        private long runId;
        private String taskName;
        private String params;
        private int attempt = 1;
        private int shardIndex;
        private int shardTotal = 1;
        private String shardParam;
        private BooleanSupplier cancelled = () -> false;
        private Supplier<Instant> leaseDeadline = () -> Instant.MAX;
        private RunLogSink logSink = RunLogSink.DISCARD;

        private Builder() {}

        /** The task being run. */
        public Builder taskId(long taskId) {
            this.taskId = taskId;
            return this;
        }

        /** This execution, also its fencing token. */
        public Builder runId(long runId) {
            this.runId = runId;
            return this;
        }

        /** The task's name, for logs. */
        public Builder taskName(String taskName) {
            this.taskName = taskName;
            return this;
        }

        /** The task's parameters as stored, or {@code null}. */
        public Builder params(String params) {
            this.params = params;
            return this;
        }

        /** Attempt number of this execution, starting at 1. */
        public Builder attempt(int attempt) {
            this.attempt = attempt;
            return this;
        }

        /**
         * Which part of the fire's work the run is.
         *
         * @param index from 0 to {@code total} − 1
         * @param total how many parts, at least 1
         * @param param the task's parameter for this shard, or {@code null}
         * @throws IllegalArgumentException when {@code total} is below 1 or {@code index} is outside
         *     0..{@code total} − 1: a handler given such a shard would do the wrong slice of the work
         */
        public Builder shard(int index, int total, String param) {
            if (total < 1 || index < 0 || index >= total) {
                throw new IllegalArgumentException("shard index " + index + " of " + total
                        + " is not a shard: the total must be at least 1 and the index from 0 to total - 1");
            }
            this.shardIndex = index;
            this.shardTotal = total;
            this.shardParam = param;
            return this;
        }

        /** Answers whether the run has been asked to stop. */
        public Builder cancelled(BooleanSupplier cancelled) {
            this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
            return this;
        }

        /** Answers the current end of the run's lease on the node's clock. */
        public Builder leaseDeadline(Supplier<Instant> leaseDeadline) {
            this.leaseDeadline = Objects.requireNonNull(leaseDeadline, "leaseDeadline");
            return this;
        }

        /** Where {@link JobContext#log} lines go; by default nowhere. */
        public Builder logSink(RunLogSink logSink) {
            this.logSink = Objects.requireNonNull(logSink, "logSink");
            return this;
        }

        /** The context described so far. */
        public JobContext build() {
            return new JobContext(this);
        }
    }
}
