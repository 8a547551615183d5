package com.jm.job.master.dispatch;

import com.jm.job.common.protocol.PollResponse;
import com.jm.job.common.protocol.TaskAssignment;
import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.domain.NodeRecord;
import com.jm.job.master.events.PendingSignals;
import com.jm.job.master.lease.Leases;
import com.jm.job.master.metrics.MasterMetrics;
import com.jm.job.master.node.NodeDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Answers a node's long poll: claims due work at once if there is any; otherwise holds the poll
 * until work for the group is signalled, the group's next task falls due, or the wait ends, and
 * looks again ({@link WorkFinder} does each look).
 */
@Service
public class Dispatcher {

    private final WorkFinder finder;
    private final NodeDirectory directory;
    private final PendingSignals signals;
    private final Clock clock;
    private final Duration maxWait;
    private final Leases leases;
    private final MasterMetrics metrics;

    Dispatcher(
            WorkFinder finder,
            NodeDirectory directory,
            PendingSignals signals,
            Clock clock,
            Leases leases,
            JmJobMasterProperties properties,
            MasterMetrics metrics) {
        this.metrics = metrics;
        this.leases = leases;
        this.finder = finder;
        this.directory = directory;
        this.signals = signals;
        this.clock = clock;
        this.maxWait = properties.getMaxPollWait();
    }

    public PollResponse poll(long nodeId, int maxTasks, Duration wait) throws InterruptedException {
        // This master's clock only measures the wait: a length of time, never a time to compare.
        long arrived = clock.millis();
        long deadline = arrived + (wait.compareTo(maxWait) > 0 ? maxWait : wait).toMillis();
        NodeRecord node = directory.require(nodeId);
        long groupId = node.getGroupId();
        // What the claim grants this node: the delivery lease when it acknowledges deliveries.
        long leaseMillis = leases.granted(node.isAcksDelivery()).toMillis();
        while (true) {
            if (!signals.isRunning()) {
                // Shutting down: claim nothing more, so no run is handed out on a closing connection.
                return answer(List.of(), 0, leaseMillis);
            }
            // Read before the claim starts, so that the node's estimate of the lease (its send time
            // plus this) never ends later than the lease the claim grants.
            long held = clock.millis() - arrived;
            long generation = signals.generation(groupId);
            WorkFinder.Look look = finder.look(nodeId, groupId, maxTasks);
            if (!look.claimed().isEmpty()) {
                return answer(look.claimed(), held, leaseMillis);
            }
            long left = deadline - clock.millis();
            if (left <= 0) {
                return answer(List.of(), held, leaseMillis);
            }
            Duration sleep = Duration.ofMillis(left);
            if (look.recheck() != null && look.recheck().compareTo(sleep) < 0) {
                sleep = look.recheck();
            }
            metrics.pollHeld();
            try {
                signals.await(groupId, generation, sleep);
            } finally {
                metrics.pollReleased();
            }
        }
    }

    private static PollResponse answer(List<TaskAssignment> tasks, long held, long leaseMillis) {
        return new PollResponse(tasks, leaseMillis, Math.max(0, held));
    }
}
