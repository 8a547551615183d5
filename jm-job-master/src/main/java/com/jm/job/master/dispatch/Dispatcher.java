package com.jm.job.master.dispatch;

import com.jm.job.common.protocol.PollResponse;
import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.events.PendingSignals;
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

    Dispatcher(
            WorkFinder finder,
            NodeDirectory directory,
            PendingSignals signals,
            Clock clock,
            JmJobMasterProperties properties) {
        this.finder = finder;
        this.directory = directory;
        this.signals = signals;
        this.clock = clock;
        this.maxWait = properties.getMaxPollWait();
    }

    public PollResponse poll(long nodeId, int maxTasks, Duration wait) throws InterruptedException {
        // This master's clock only measures the wait: a length of time, never a time to compare.
        long deadline = clock.millis() + (wait.compareTo(maxWait) > 0 ? maxWait : wait).toMillis();
        long groupId = directory.require(nodeId).getGroupId();
        while (true) {
            if (!signals.isRunning()) {
                // Shutting down: claim nothing more, so no run is handed out on a closing connection.
                return new PollResponse(List.of());
            }
            long generation = signals.generation(groupId);
            WorkFinder.Look look = finder.look(nodeId, groupId, maxTasks);
            if (!look.claimed().isEmpty()) {
                return new PollResponse(look.claimed());
            }
            long left = deadline - clock.millis();
            if (left <= 0) {
                return new PollResponse(List.of());
            }
            Duration sleep = Duration.ofMillis(left);
            if (look.recheck() != null && look.recheck().compareTo(sleep) < 0) {
                sleep = look.recheck();
            }
            signals.await(groupId, generation, sleep);
        }
    }
}
