package com.jm.job.master.dispatch;

import com.jm.job.common.protocol.PollResponse;
import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.domain.NodeRecord;
import com.jm.job.master.events.PendingSignals;
import com.jm.job.master.lease.Leases;
import com.jm.job.master.metrics.MasterMetrics;
import com.jm.job.master.node.NodeDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * Answers a node's long poll: claims due work at once if there is any; otherwise holds the poll
 * until work for the group is signalled, the group's next task falls due, or the wait ends, and
 * looks again ({@link WorkFinder} does each look, {@link HeldPoll} the holding). A held poll holds
 * no thread, so a master can hold as many nodes as it has connections for.
 */
@Service
public class Dispatcher {

    private final NodeDirectory directory;
    private final Clock clock;
    private final Duration maxWait;
    private final Leases leases;
    private final HeldPoll.Parts parts;

    Dispatcher(
            WorkFinder finder,
            NodeDirectory directory,
            PendingSignals signals,
            PollThreads threads,
            Clock clock,
            Leases leases,
            JmJobMasterProperties properties,
            MasterMetrics metrics) {
        this.leases = leases;
        this.directory = directory;
        this.clock = clock;
        this.maxWait = properties.getMaxPollWait();
        this.parts = new HeldPoll.Parts(finder, signals, threads, clock, metrics);
    }

    /**
     * Looks for work at once on the caller's thread (an unknown node or a failed claim throws here);
     * the answer is then complete, or completes later on a poll thread. Cancel it when the node's
     * connection is gone: the poll stops waiting and claims nothing more.
     */
    public CompletableFuture<PollResponse> poll(long nodeId, int maxTasks, Duration wait) {
        // This master's clock only measures the wait: a length of time, never a time to compare.
        long arrived = clock.millis();
        long deadline = arrived + (wait.compareTo(maxWait) > 0 ? maxWait : wait).toMillis();
        NodeRecord node = directory.require(nodeId);
        // What the claim grants this node: the delivery lease when it acknowledges deliveries.
        long leaseMillis = leases.granted(node.isAcksDelivery()).toMillis();
        HeldPoll poll = new HeldPoll(nodeId, node.getGroupId(), maxTasks, arrived, deadline, leaseMillis, parts);
        poll.lookFirst();
        return poll.answer();
    }

    /** The longest any poll is held ({@code max-poll-wait}). */
    public Duration maxWait() {
        return maxWait;
    }
}
