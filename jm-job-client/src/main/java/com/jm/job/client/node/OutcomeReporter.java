package com.jm.job.client.node;

import com.jm.job.client.master.MasterClient;
import com.jm.job.client.master.MasterException;
import com.jm.job.client.master.UnknownNodeException;
import com.jm.job.common.protocol.FinishRequest;
import com.jm.job.common.protocol.FinishResponse;
import com.jm.job.common.protocol.RunOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends finished runs to the master in batches (thread {@code jm-job-reporter}). An outcome stays
 * buffered until the master acknowledges it and is resent with back-off until then, so a master
 * restart or a network blip loses none; the master applies each run's outcome at most once, so a
 * resend after a lost answer does no harm.
 */
public class OutcomeReporter extends NodeLoop {

    private static final Logger log = LoggerFactory.getLogger(OutcomeReporter.class);
    private static final Duration IDLE_WAIT = Duration.ofMinutes(1);

    private final MasterClient master;
    private final int batchSize;
    private final Duration flushInterval;
    private final Backoff backoff;
    private final Clock clock;
    // Keyed by run id in report order: the oldest outcomes go first, and a run is buffered once.
    private final Map<Long, Pending> pending = new LinkedHashMap<>();

    /**
     * @param master where outcomes go
     * @param batchSize most outcomes in one call; a full batch is sent at once
     * @param flushInterval how long a partial batch may wait for more outcomes
     * @param backoff delays between retries while the master does not acknowledge
     * @param clock bounds the final flush at shutdown
     */
    public OutcomeReporter(MasterClient master, int batchSize, Duration flushInterval, Backoff backoff, Clock clock) {
        super("jm-job-reporter");
        this.master = master;
        this.batchSize = batchSize;
        this.flushInterval = flushInterval;
        this.backoff = backoff;
        this.clock = clock;
    }

    /**
     * Buffers a finished run for sending.
     *
     * @param nodeId the node id the run was claimed under; the master only accepts it from that id
     */
    public void report(long nodeId, RunOutcome outcome) {
        int size;
        synchronized (pending) {
            pending.put(outcome.runId(), new Pending(nodeId, outcome));
            size = pending.size();
        }
        if (size == 1 || size >= batchSize) {
            waiter.wake();
        }
    }

    /** How many outcomes wait for the master's acknowledgement. */
    public int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** Runs claimed under this node id whose outcome waits for the master's acknowledgement. */
    public List<Long> pendingRunIds(long nodeId) {
        synchronized (pending) {
            return pending.values().stream()
                    .filter(entry -> entry.nodeId() == nodeId)
                    .map(entry -> entry.outcome().runId())
                    .toList();
        }
    }

    @Override
    protected void runOnce() throws InterruptedException {
        int size = pendingCount();
        if (size == 0) {
            waiter.await(IDLE_WAIT);
            return;
        }
        if (size < batchSize) {
            // Gather more outcomes for one call; a full batch ends this wait early.
            waiter.await(flushInterval);
        }
        if (sendBatch()) {
            backoff.reset();
        } else {
            pause(backoff.next());
        }
    }

    /**
     * Stops the background thread and sends what is left, retrying until the timeout passes. Used at
     * shutdown, after the last run finished.
     */
    public void drain(Duration timeout) {
        stop(timeout);
        Instant deadline = clock.instant().plus(timeout);
        Waiter retryWait = new Waiter();
        try {
            while (pendingCount() > 0 && clock.instant().isBefore(deadline)) {
                if (!sendBatch()) {
                    Duration left = Duration.between(clock.instant(), deadline);
                    Duration delay = backoff.next();
                    retryWait.await(delay.compareTo(left) < 0 ? delay : left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = pendingCount();
        if (left > 0) {
            log.warn(
                    "{} run outcomes could not be reported before shutdown; the master will treat those runs as lost",
                    left);
        }
    }

    /** Sends the oldest outcomes; {@code false} when the master acknowledged none of them. */
    private boolean sendBatch() throws InterruptedException {
        Batch batch = nextBatch();
        if (batch.outcomes().isEmpty()) {
            return true;
        }
        try {
            FinishResponse response = master.finish(new FinishRequest(batch.nodeId(), batch.outcomes()));
            if (forget(response.acknowledged()) == 0) {
                log.warn("The master acknowledged none of {} run outcomes; resending later", batch.size());
                return false;
            }
            return true;
        } catch (UnknownNodeException e) {
            // The master dropped that node and has treated its runs as lost; no resend can land.
            forget(batch.runIds());
            log.warn("Dropped {} run outcomes of node {}: {}", batch.size(), batch.nodeId(), e.getMessage());
            return true;
        } catch (MasterException e) {
            log.warn("Could not report {} run outcomes, retrying: {}", batch.size(), e.getMessage());
            return false;
        }
    }

    /** The oldest outcomes claimed under one node id (one call names one node), up to a batch. */
    private Batch nextBatch() {
        synchronized (pending) {
            List<RunOutcome> outcomes = new ArrayList<>();
            long nodeId = 0;
            for (Pending entry : pending.values()) {
                if (outcomes.isEmpty()) {
                    nodeId = entry.nodeId();
                } else if (entry.nodeId() != nodeId) {
                    continue;
                }
                outcomes.add(entry.outcome());
                if (outcomes.size() == batchSize) {
                    break;
                }
            }
            return new Batch(nodeId, outcomes);
        }
    }

    private int forget(List<Long> runIds) {
        int removed = 0;
        synchronized (pending) {
            for (Long runId : runIds) {
                if (pending.remove(runId) != null) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private record Pending(long nodeId, RunOutcome outcome) {}

    private record Batch(long nodeId, List<RunOutcome> outcomes) {

        int size() {
            return outcomes.size();
        }

        List<Long> runIds() {
            return outcomes.stream().map(RunOutcome::runId).toList();
        }
    }
}
