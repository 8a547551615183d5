package com.jm.job.client.node;

import com.jm.job.client.master.MasterClient;
import com.jm.job.client.master.MasterException;
import com.jm.job.client.master.UnknownNodeException;
import com.jm.job.common.protocol.HeartbeatRequest;
import com.jm.job.common.protocol.HeartbeatResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the master every interval that the node is alive and which runs it executes, so their
 * leases do not expire (thread {@code jm-job-heartbeat}); cancels the runs the master names in its
 * answer. Heartbeats go on while the node drains at shutdown, so finishing runs keep their leases.
 * Finished runs whose outcome the master has not acknowledged yet are listed too: they stay the
 * node's until the report lands, and must not be declared lost while it is being retried.
 */
public class HeartbeatSender extends NodeLoop {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatSender.class);

    private final MasterClient master;
    private final NodeSession session;
    private final Worker worker;
    private final OutcomeReporter reporter;
    private final Duration interval;

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
    }

    @Override
    protected void runOnce() throws InterruptedException {
        OptionalLong nodeId = session.nodeId();
        if (nodeId.isPresent()) {
            beat(nodeId.getAsLong());
        }
        pause(interval);
    }

    private void beat(long nodeId) throws InterruptedException {
        List<Long> runIds = new ArrayList<>(worker.runningRunIds());
        runIds.addAll(reporter.pendingRunIds(nodeId));
        HeartbeatResponse response;
        try {
            response = master.heartbeat(new HeartbeatRequest(nodeId, runIds));
        } catch (UnknownNodeException e) {
            session.forget(e.nodeId());
            return;
        } catch (MasterException e) {
            log.warn("Heartbeat to the jm-job master failed: {}", e.getMessage());
            return;
        }
        response.cancelRunIds().forEach(worker::cancel);
    }
}
