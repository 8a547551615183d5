package com.jm.job.master.dispatch;

import com.jm.job.common.protocol.PollResponse;
import com.jm.job.common.protocol.TaskAssignment;
import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.service.NotFoundException;
import com.jm.job.master.store.ClaimMapper;
import com.jm.job.master.store.NodeMapper;
import com.jm.job.master.store.NodeRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Answers a node's long poll: claims due work at once if there is any; otherwise waits until a write
 * signals the group, the group's next pending task falls due, or the wait ends, and looks again.
 * An idle poll costs a few queries per wait, not a query loop.
 */
@Service
public class Dispatcher {

    /** Floor on a re-check wait, so tasks that are due but locked by another claim do not spin a poll. */
    static final Duration MIN_RECHECK = Duration.ofMillis(20);

    private final ClaimService claims;
    private final ClaimMapper claimMapper;
    private final NodeMapper nodes;
    private final PendingSignals signals;
    private final JmJobMasterProperties properties;
    private final Clock clock;

    public Dispatcher(
            ClaimService claims,
            ClaimMapper claimMapper,
            NodeMapper nodes,
            PendingSignals signals,
            JmJobMasterProperties properties,
            Clock clock) {
        this.claims = claims;
        this.claimMapper = claimMapper;
        this.nodes = nodes;
        this.signals = signals;
        this.properties = properties;
        this.clock = clock;
    }

    public PollResponse poll(long nodeId, int maxTasks, Duration wait) throws InterruptedException {
        Duration capped = wait.compareTo(properties.getMaxPollWait()) > 0 ? properties.getMaxPollWait() : wait;
        long deadline = clock.millis() + capped.toMillis();
        while (true) {
            if (!signals.isRunning()) {
                // Shutting down: claim nothing more, so no run is handed out on a closing connection.
                return new PollResponse(List.of());
            }
            NodeRecord node = requireActive(nodeId);
            long generation = signals.generation(node.getGroupId());
            Duration recheck = null;
            if (!node.isDisable()) {
                List<TaskAssignment> claimed = claims.claim(nodeId, node.getGroupId(), maxTasks);
                if (!claimed.isEmpty()) {
                    return new PollResponse(claimed);
                }
                recheck = untilNextDue(node.getGroupId());
            }
            long left = deadline - clock.millis();
            if (left <= 0) {
                return new PollResponse(List.of());
            }
            Duration sleep = Duration.ofMillis(left);
            if (recheck != null && recheck.compareTo(sleep) < 0) {
                sleep = recheck;
            }
            signals.await(node.getGroupId(), generation, sleep);
        }
    }

    private Duration untilNextDue(long groupId) {
        Long micros = claimMapper.microsUntilNextDue(groupId);
        if (micros == null) {
            return null;
        }
        Duration due = Duration.ofNanos(micros * 1000);
        return due.compareTo(MIN_RECHECK) < 0 ? MIN_RECHECK : due;
    }

    private NodeRecord requireActive(long nodeId) {
        NodeRecord node =
                nodes.findById(nodeId, properties.getNodeOfflineAfter().toMillis());
        if (node == null || node.getStoppedAt() != null) {
            throw new NotFoundException("no registered node with id " + nodeId + "; register again");
        }
        return node;
    }
}
