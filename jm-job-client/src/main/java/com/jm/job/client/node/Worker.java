package com.jm.job.client.node;

import com.jm.job.client.RunLogSink;
import com.jm.job.client.handler.JobHandlerRegistry;
import com.jm.job.common.protocol.RunOutcome;
import com.jm.job.common.protocol.RunResult;
import com.jm.job.common.protocol.TaskAssignment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's bounded pool of job threads ({@code jm-job-worker-N}). Each claimed run takes one slot
 * until it ends; there are as many slots as threads plus the prefetch, and the task loader asks the
 * master for no more tasks than there are free slots. With no prefetch (the default) nothing queues
 * inside the node; with a prefetch, up to that many claimed runs wait here for a thread, so that a
 * node running many short tasks claims them in large batches. A run ends with its outcome handed to
 * the {@link OutcomeReporter}; what happens inside one run is the {@link JobRunner}'s business.
 */
public class Worker {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    /** How long runs still going after the grace period get to honour their cancellation. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(5);
    /**
     * Longest wait between two lease checks of a run: its check is due at its fence point, but a
     * clock that jumps (a frozen VM, a test's clock) is only noticed when the check runs.
     */
    private static final Duration MAX_LEASE_CHECK_DELAY = Duration.ofSeconds(1);

    private final OutcomeReporter reporter;
    private final String nodeName;
    private final Semaphore slots;
    private final int minBatch;
    private final Map<Long, RunningJob> running = new ConcurrentHashMap<>();
    private final List<Runnable> slotListeners = new CopyOnWriteArrayList<>();
    private final List<NodeListener> runListeners = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timer;
    private final JobRunner runner;
    private final LeaseFence fence;
    private final RunLogShipper logs;

    /**
     * @param handlers where runs find their handler
     * @param reporter where outcomes go
     * @param threads how many runs may execute at once
     * @param prefetch how many claimed runs may wait for a thread (0: none)
     * @param nodeName the node's name in messages, for example {@code host:pid}
     * @param fence the node's clock (run durations, leases) and when a lease counts as lapsed
     */
    public Worker(
            JobHandlerRegistry handlers,
            OutcomeReporter reporter,
            int threads,
            int prefetch,
            String nodeName,
            LeaseFence fence) {
        this(handlers, reporter, null, threads, prefetch, nodeName, fence);
    }

    /**
     * A pool whose runs write their log through {@code logs} ({@code null}: their lines are
     * discarded); the node builder wires one.
     */
    Worker(
            JobHandlerRegistry handlers,
            OutcomeReporter reporter,
            RunLogShipper logs,
            int threads,
            int prefetch,
            String nodeName,
            LeaseFence fence) {
        this.reporter = reporter;
        this.logs = logs;
        this.nodeName = nodeName;
        this.slots = new Semaphore(threads + prefetch);
        this.minBatch = Math.max(1, prefetch);
        // The queue never holds more than `threads + prefetch` runs: the slots bound what is submitted.
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                1,
                TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(),
                new NamedThreadFactory("jm-job-worker-"));
        this.pool.allowCoreThreadTimeOut(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("jm-job-timeout-"));
        this.fence = fence;
        this.runner = new JobRunner(handlers, nodeName, fence.clock(), timer, logs);
    }

    /** The clock leases are measured with, and the safety margin. */
    public LeaseFence fence() {
        return fence;
    }

    /** How many more runs the pool can take now. */
    public int freeSlots() {
        return slots.availablePermits();
    }

    /**
     * How many tasks to ask the master for now: the free slots, or 0 while fewer than the prefetch
     * are free. With a prefetch the node asks again only once its threads are about to run out of
     * queued runs, so each poll claims a large batch instead of one task per freed slot; without
     * one it asks as soon as a thread is free.
     */
    public int wanted() {
        int free = slots.availablePermits();
        return free >= minBatch ? free : 0;
    }

    /**
     * Calls the listener each time a run ends and frees its slot; the task loader waits on this
     * instead of polling the master while every slot is busy.
     */
    public void onSlotFreed(Runnable listener) {
        slotListeners.add(listener);
    }

    /**
     * Tells the listener about each run that went through a handler look-up (ran, failed, timed
     * out, was cancelled or found no handler); runs refused or handed back before that are not told.
     */
    public void onRunEnded(NodeListener listener) {
        runListeners.add(listener);
    }

    /** How many claimed runs wait for a thread now: the prefetch in use. */
    public int waitingRuns() {
        return pool.getQueue().size();
    }

    /** Ids of the runs executing now, for heartbeats. */
    public List<Long> runningRunIds() {
        return List.copyOf(running.keySet());
    }

    /**
     * Starts a claimed run on a free slot, with a lease that never lapses by time (a master that does
     * not say how long leases last).
     *
     * @param nodeId the node id the run was claimed under
     */
    public void submit(long nodeId, TaskAssignment task) {
        submit(nodeId, task, Instant.MAX);
    }

    /**
     * Starts a claimed run on a free slot.
     *
     * @param nodeId the node id the run was claimed under
     * @param leaseDeadline when the lease the claim granted ends, on the node's clock; a run whose
     *     lease has lapsed by the time it would start never reaches its handler
     */
    public void submit(long nodeId, TaskAssignment task, Instant leaseDeadline) {
        RunningJob job;
        try {
            job = new RunningJob(
                    nodeId,
                    task,
                    fence,
                    leaseDeadline,
                    logs == null ? RunLogSink.DISCARD : logs.sink(nodeId, task.runId()));
        } catch (IllegalArgumentException e) {
            // A shard outside its total: failed where operators see it, not run on the wrong slice.
            String message = "node " + nodeName + " refused the run: " + e.getMessage();
            reporter.report(nodeId, new RunOutcome(task.runId(), RunResult.FAILED, message, 0));
            return;
        }
        if (!slots.tryAcquire()) {
            // Only a master that hands out more than the poll asked for gets here.
            String message = "node " + nodeName + " has no free worker slot; the master sent more tasks than asked";
            reporter.report(nodeId, new RunOutcome(task.runId(), RunResult.FAILED, message, 0));
            return;
        }
        running.put(task.runId(), job);
        try {
            pool.execute(new QueuedRun(job));
            scheduleLeaseCheck(job);
        } catch (RejectedExecutionException e) {
            release(job);
            String message = "node " + nodeName + " is shutting down; the run did not start";
            reporter.report(nodeId, new RunOutcome(task.runId(), RunResult.CANCELLED, message, 0));
        }
    }

    /**
     * Stops a run the master cancelled (its task was disabled): the handler sees the signal and its
     * thread is interrupted. The run is reported CANCELLED once the handler returns.
     *
     * @return {@code false} when the run is not executing here or was already told to stop
     */
    public boolean cancel(long runId) {
        RunningJob job = running.get(runId);
        if (job == null || !job.requestStop(RunResult.CANCELLED, "cancelled by the master")) {
            return false;
        }
        log.info(
                "Cancelling run {} of task '{}' as the master asked",
                runId,
                job.task().taskName());
        return true;
    }

    /**
     * Moves the lease deadline of these runs (those still here) forward: the master renewed them.
     *
     * @param deadline the renewed leases' end on the node's clock
     */
    public void renewLeases(Collection<Long> runIds, Instant deadline) {
        for (Long runId : runIds) {
            RunningJob job = running.get(runId);
            if (job != null) {
                job.renewLease(deadline);
            }
        }
    }

    /**
     * Cancels every run whose lease is past deadline − safety margin by the node's clock. Runs are
     * also checked at their fence point, by their handler's {@code isCancelled()}, before they
     * start and when their handler returns; this is for the heartbeat, which checks before it
     * speaks to the master, so a node woken from a pause stops those runs first.
     *
     * @return how many runs here have a lapsed lease
     */
    public int stopRunsWithLapsedLeases() {
        int lapsed = 0;
        for (RunningJob job : running.values()) {
            if (job.stopIfLeaseLapsed()) {
                lapsed++;
            }
        }
        return lapsed;
    }

    /**
     * Takes no more runs, hands back the ones still waiting for a thread, and lets the running ones
     * finish within the grace period; those still running then are cancelled and get a short while
     * more to stop.
     */
    public void shutdown(Duration grace) {
        pool.shutdown();
        // Prefetched runs still waiting for a thread are handed back now (reported CANCELLED without
        // reaching their handler, so the master makes them pending for other nodes) rather than
        // started during the grace period, which is for the runs already going.
        List<Runnable> waiting = new ArrayList<>();
        pool.getQueue().drainTo(waiting);
        String notStarted = "node " + nodeName + " shut down before the run started";
        for (Runnable queued : waiting) {
            RunningJob job = ((QueuedRun) queued).job();
            try {
                reporter.report(job.nodeId(), new RunOutcome(job.runId(), RunResult.CANCELLED, notStarted, 0));
            } finally {
                release(job);
            }
        }
        if (!waiting.isEmpty()) {
            log.info("Handed back {} claimed runs that had not started", waiting.size());
        }
        try {
            if (!pool.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                String message = "cancelled: node " + nodeName + " shut down before the run finished";
                log.warn("{} runs still going after the {} grace period; cancelling them", running.size(), grace);
                running.values().forEach(job -> job.requestStop(RunResult.CANCELLED, message));
                if (!pool.awaitTermination(CANCEL_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                    log.warn("Runs {} ignored cancellation; the master will treat them as lost", runningRunIds());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            timer.shutdownNow();
        }
    }

    private void execute(RunningJob job) {
        try {
            RunOutcome outcome = runner.run(job);
            reporter.report(job.nodeId(), outcome);
            tell(job.task().beanName(), outcome);
        } finally {
            release(job);
        }
    }

    private void tell(String beanName, RunOutcome outcome) {
        String handler = runner.hasHandler(beanName) ? beanName : null;
        Duration duration = Duration.ofMillis(outcome.durationMillis());
        for (NodeListener listener : runListeners) {
            try {
                listener.runEnded(handler, outcome.result(), duration);
            } catch (RuntimeException e) {
                // A listener's failure must not cost the run its slot or the reporter its outcome.
                log.warn("A node listener failed on run {}: {}", outcome.runId(), e.toString());
            }
        }
    }

    /**
     * Checks the run's lease at its fence point (or sooner, see {@link #MAX_LEASE_CHECK_DELAY}), and
     * again after that while the run is here and its lease was renewed meanwhile.
     */
    private void scheduleLeaseCheck(RunningJob job) {
        if (running.get(job.runId()) != job || job.stopIfLeaseLapsed()) {
            return;
        }
        Duration delay = fence.untilFence(job.leaseDeadline());
        if (delay.compareTo(MAX_LEASE_CHECK_DELAY) > 0) {
            delay = MAX_LEASE_CHECK_DELAY;
        }
        try {
            timer.schedule(() -> scheduleLeaseCheck(job), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The node is past its grace period and cancels every run anyway.
        }
    }

    /** Frees the run's slot and tells whoever waits for one. */
    private void release(RunningJob job) {
        running.remove(job.runId());
        slots.release();
        slotListeners.forEach(Runnable::run);
    }

    /** A run in the pool's queue; a named type so that shutdown can tell which runs never started. */
    private final class QueuedRun implements Runnable {

        private final RunningJob job;

        QueuedRun(RunningJob job) {
            this.job = job;
        }

        RunningJob job() {
            return job;
        }

        @Override
        public void run() {
            execute(job);
        }
    }
}
