package com.jm.job.client.node;

import com.jm.job.client.JobContext;
import com.jm.job.client.RunLogSink;
import com.jm.job.common.protocol.RunResult;
import com.jm.job.common.protocol.TaskAssignment;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run on the worker pool: its context, its lease's deadline, its thread while it runs, and why
 * it was stopped.
 */
final class RunningJob {

    private static final Logger log = LoggerFactory.getLogger(RunningJob.class);

    /** Why a run was told to stop: cancelled, past its time limit, or the node shutting down. */
    record Stop(RunResult result, String message) {}

    private final long nodeId;
    private final TaskAssignment task;
    private final JobContext context;
    private final LeaseFence fence;
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private final AtomicReference<Instant> leaseDeadline;
    private Thread thread;
    private boolean finished;

    /**
     * @param fence decides when the lease has lapsed
     * @param leaseDeadline when the lease granted by the claim ends, on the node's clock
     * @param logSink where the handler's {@code JobContext.log} lines go
     * @throws IllegalArgumentException when the assignment's shard is not one (see {@link #withShard})
     */
    RunningJob(long nodeId, TaskAssignment task, LeaseFence fence, Instant leaseDeadline, RunLogSink logSink) {
        this.nodeId = nodeId;
        this.task = task;
        this.fence = fence;
        this.leaseDeadline = new AtomicReference<>(leaseDeadline);
        this.context = withShard(JobContext.builder(), task)
                .taskId(task.taskId())
                .runId(task.runId())
                .taskName(task.taskName())
                .params(task.params())
                .attempt(task.attempt())
                .cancelled(() -> stopIfLeaseLapsed() || stop.get() != null)
                .leaseDeadline(this.leaseDeadline::get)
                .logSink(logSink)
                .build();
    }

    /**
     * The assignment's shard, or shard 0 of 1 for an ordinary run.
     *
     * @throws IllegalArgumentException when the master sent a shard that is not one (an index
     *     without a total, or outside it): the handler would do the wrong slice of the work
     */
    private static JobContext.Builder withShard(JobContext.Builder context, TaskAssignment task) {
        Integer index = task.shardIndex();
        Integer total = task.shardTotal();
        if ((index == null) != (total == null)) {
            throw new IllegalArgumentException("the master sent shard index " + index + " with shard total " + total
                    + "; it needs both or neither");
        }
        return index == null ? context.shard(0, 1, task.shardParam()) : context.shard(index, total, task.shardParam());
    }

    long nodeId() {
        return nodeId;
    }

    long runId() {
        return task.runId();
    }

    TaskAssignment task() {
        return task;
    }

    JobContext context() {
        return context;
    }

    Instant leaseDeadline() {
        return leaseDeadline.get();
    }

    /**
     * Moves the lease's deadline forward; an older renewal answered late never moves it back, and a
     * lease that has lapsed is never revived (the run is stopped instead).
     */
    void renewLease(Instant deadline) {
        if (stopIfLeaseLapsed()) {
            return;
        }
        leaseDeadline.accumulateAndGet(deadline, (current, renewed) -> renewed.isAfter(current) ? renewed : current);
    }

    /**
     * Stops the run if its lease is past deadline − safety margin by the node's clock: from then on
     * the master may hand the run to another node, so this one must not act on it any more.
     *
     * @return {@code true} when the lease has lapsed (whether this call or an earlier one stopped it)
     */
    boolean stopIfLeaseLapsed() {
        Instant deadline = leaseDeadline.get();
        if (!fence.lapsed(deadline)) {
            return false;
        }
        String message = "cancelled by the node: its lease could not be renewed (it ends at " + deadline
                + " by the node's clock, safety margin "
                + fence.effectiveMargin().toMillis() + " ms)";
        if (requestStop(RunResult.CANCELLED, message)) {
            log.warn("Run {} of task '{}' {}", task.runId(), task.taskName(), message);
        }
        return true;
    }

    /** Why the run was stopped, or {@code null} while nobody asked it to stop. */
    Stop stopRequest() {
        return stop.get();
    }

    /**
     * Asks the run to stop: sets the signal the handler reads and interrupts its thread. The first
     * reason wins, so a timeout racing a cancel reports one consistent result.
     *
     * @return {@code false} when the run had been asked to stop already
     */
    boolean requestStop(RunResult result, String message) {
        if (!stop.compareAndSet(null, new Stop(result, message))) {
            return false;
        }
        synchronized (this) {
            // Interrupt only while the handler runs; a thread back in the pool serves another run.
            if (thread != null && !finished) {
                thread.interrupt();
            }
        }
        return true;
    }

    synchronized void begin(Thread runner) {
        thread = runner;
    }

    synchronized void end() {
        finished = true;
        thread = null;
    }
}
