package com.jm.job.master.dispatch;

import com.jm.job.common.protocol.PollResponse;
import com.jm.job.common.protocol.TaskAssignment;
import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.index.GuardedPendingIndex;
import com.jm.job.master.store.ClaimMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Answers a node's long poll: claims due work at once if there is any; otherwise holds the poll
 * until work for the group is signalled, the group's next task falls due, or the wait ends, and
 * looks again. Work is found through the pending index, so an idle poll costs the database nothing;
 * while the index is unavailable it is found in the database (more queries, same result).
 */
@Service
public class Dispatcher {

    /** Floor on a re-check wait, so tasks that are due but locked by another claim do not spin a poll. */
    static final Duration MIN_RECHECK = Duration.ofMillis(20);

    private final ClaimService claims;
    private final ClaimMapper claimMapper;
    private final GuardedPendingIndex index;
    private final NodeDirectory directory;
    private final PendingSignals signals;
    private final Clock clock;
    private final Duration maxWait;

    public Dispatcher(
            ClaimService claims,
            ClaimMapper claimMapper,
            GuardedPendingIndex index,
            NodeDirectory directory,
            PendingSignals signals,
            Clock clock,
            JmJobMasterProperties properties) {
        this.claims = claims;
        this.claimMapper = claimMapper;
        this.index = index;
        this.directory = directory;
        this.signals = signals;
        this.clock = clock;
        this.maxWait = properties.getMaxPollWait();
    }

    /** What one look for work found: claimed tasks, or how long until it is worth looking again. */
    private record Look(List<TaskAssignment> claimed, Duration recheck) {}

    public PollResponse poll(long nodeId, int maxTasks, Duration wait) throws InterruptedException {
        long deadline = clock.millis() + (wait.compareTo(maxWait) > 0 ? maxWait : wait).toMillis();
        long groupId = directory.require(nodeId).getGroupId();
        while (true) {
            if (!signals.isRunning()) {
                // Shutting down: claim nothing more, so no run is handed out on a closing connection.
                return new PollResponse(List.of());
            }
            long generation = signals.generation(groupId);
            Look look = index.isAvailable()
                    ? fromIndex(nodeId, groupId, maxTasks)
                    : fromDatabase(nodeId, groupId, maxTasks);
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

    private Look fromIndex(long nodeId, long groupId, int maxTasks) {
        if (directory.require(nodeId).isDisable()) {
            return new Look(List.of(), null);
        }
        List<Long> taken = index.takeDue(groupId, clock.instant(), maxTasks);
        if (!taken.isEmpty()) {
            List<TaskAssignment> claimed = List.of();
            try {
                claimed = claims.claimCandidates(nodeId, groupId, taken);
            } finally {
                putBackUnclaimed(groupId, taken, claimed);
            }
            if (!claimed.isEmpty()) {
                return new Look(claimed, null);
            }
        }
        Instant next = index.nextDue(groupId);
        return new Look(List.of(), next == null ? null : atLeastMinRecheck(Duration.between(clock.instant(), next)));
    }

    /**
     * Candidates the claim did not take go back into the index if the database still has them
     * pending (not yet due by its clock, or locked for a moment by another transaction); stale ones
     * (disabled, claimed, finished) stay out.
     */
    private void putBackUnclaimed(long groupId, List<Long> taken, List<TaskAssignment> claimed) {
        List<Long> unclaimed = taken.stream()
                .filter(id -> claimed.stream().noneMatch(a -> a.taskId() == id))
                .toList();
        if (!unclaimed.isEmpty()) {
            claimMapper
                    .pendingAmong(unclaimed)
                    .forEach(e ->
                            index.put(groupId, e.getId(), e.getNextFireTime().toInstant(java.time.ZoneOffset.UTC)));
        }
    }

    private Look fromDatabase(long nodeId, long groupId, int maxTasks) {
        List<TaskAssignment> claimed = claims.claimCandidatesFromTable(nodeId, groupId, maxTasks);
        if (!claimed.isEmpty()) {
            return new Look(claimed, null);
        }
        Long micros = claimMapper.microsUntilNextDue(groupId);
        return new Look(List.of(), micros == null ? null : atLeastMinRecheck(Duration.ofNanos(micros * 1000)));
    }

    private static Duration atLeastMinRecheck(Duration due) {
        return due.compareTo(MIN_RECHECK) < 0 ? MIN_RECHECK : due;
    }
}
