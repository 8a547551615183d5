package com.jm.job.client.node;

import com.jm.job.client.master.MasterClient;
import com.jm.job.client.master.MasterException;
import com.jm.job.client.master.UnknownNodeException;
import com.jm.job.common.protocol.HeartbeatRequest;
import com.jm.job.common.protocol.HeartbeatResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the master every interval that the node is alive and which runs it executes, so their
 * leases do not expire (thread {@code jm-job-heartbeat}); cancels the runs the master names in its
 * answer, moves the others' lease deadlines forward, and cancels the runs whose lease has lapsed by
 * the node's clock (heartbeats failing, or the node was paused) before it speaks to the master. Heartbeats go on while the node drains at shutdown, so finishing runs keep their leases.
 * Finished runs whose outcome the master has not acknowledged yet are listed too: they stay the
 * node's until the report lands, and must not be declared lost while it is being retried. A failed
 * heartbeat is tried again soon (from a tenth of the interval, doubling up to the interval), not
 * after a whole interval, so one lost heartbeat does not let a lease run down to its fencing point.
 * Runs a poll has just handed the node are acknowledged at once: the loader asks for a heartbeat
 * ({@link #acknowledgeNow}) instead of waiting for the interval.
 */
public class HeartbeatSender extends NodeLoop {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatSender.class);

    private final MasterClient master;
    private final NodeSession session;
    private final Worker worker;
    private final OutcomeReporter reporter;
    private final Duration interval;
    private final Backoff retry;

    /**
     * @param master where heartbeats go
     * @param session the node's registration; no heartbeat is sent while it has no id
     * @param worker lists running runs and cancels them
     * @param reporter lists finished runs not yet acknowledged
     * @param interval time between heartbeats
     */
    public HeartbeatSender(
            MasterClient master, NodeSession session, Worker worker, OutcomeReporter reporter, Duration interval) {
        super("jm-job-heartbeat");
        this.master = master;
        this.session = session;
        this.worker = worker;
        this.reporter = reporter;
        this.interval = interval;
        this.retry = new Backoff(firstRetry(interval), interval);
    }

    /** A tenth of the interval, at least 100 ms, at most the interval itself. */
    static Duration firstRetry(Duration interval) {
        Duration tenth = interval.dividedBy(10);
        Duration floor = Duration.ofMillis(100);
        Duration first = tenth.compareTo(floor) < 0 ? floor : tenth;
        return first.compareTo(interval) > 0 ? interval : first;
    }

    @Override
    protected void runOnce() throws InterruptedException {
        OptionalLong nodeId = session.nodeId();
        if (nodeId.isPresent() && !beat(nodeId.getAsLong())) {
            pause(retry.next());
            return;
        }
        retry.reset();
        // Not a back-off: an acknowledgement asked for by the loader ends it early.
        waiter.await(interval);
    }

    /**
     * Sends the next heartbeat now: the runs a poll just handed the node are in it, which
     * acknowledges their delivery and turns their short delivery lease into the full one.
     */
    public void acknowledgeNow() {
        waiter.wake();
    }

    /** One heartbeat; answers whether the master took it. */
    private boolean beat(long nodeId) throws InterruptedException {
        // First the node's own clock: a node woken from a pause longer than its leases stops those
        // runs before it says anything to the master.
        worker.stopRunsWithLapsedLeases();
        List<Long> running = worker.runningRunIds();
        List<Long> runIds = new ArrayList<>(running);
        runIds.addAll(reporter.pendingRunIds(nodeId));
        // The master extends the leases no earlier than this, so the renewal counts from here, not
        // from when the answer arrives (which may be long after, if this node was paused meanwhile).
        Instant sent = worker.fence().clock().instant();
        HeartbeatResponse response;
        try {
            response = master.heartbeat(new HeartbeatRequest(nodeId, runIds));
        } catch (UnknownNodeException e) {
            session.forget(e.nodeId());
            return true; // nothing to retry: the node registers again and starts over
        } catch (MasterException e) {
            log.warn("Heartbeat to the jm-job master failed: {}", e.getMessage());
            worker.stopRunsWithLapsedLeases();
            return false;
        }
        Set<Long> cancel = new HashSet<>(response.cancelRunIds());
        cancel.forEach(worker::cancel);
        if (response.leaseMillis() != null) {
            List<Long> renewed =
                    running.stream().filter(runId -> !cancel.contains(runId)).toList();
            worker.renewLeases(renewed, worker.fence().deadline(sent, response.leaseMillis()));
        }
        worker.stopRunsWithLapsedLeases();
        return true;
    }
}
