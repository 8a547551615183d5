package com.jm.job.master.dispatch;

import com.jm.job.common.protocol.TaskAssignment;
import com.jm.job.master.clock.DatabaseClock;
import com.jm.job.master.domain.NodeRecord;
import com.jm.job.master.domain.Tags;
import com.jm.job.master.domain.TaskPriority;
import com.jm.job.master.index.GuardedPendingIndex;
import com.jm.job.master.index.Lane;
import com.jm.job.master.node.NodeDirectory;
import com.jm.job.master.store.ClaimMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One look for a poll's work: claims what is due, or says how long until something falls due.
 * Through the pending index while it is available (an idle look costs the database nothing), else
 * from the table. Index scores are database-clock times, so they are compared with the database
 * clock, never with this master's own.
 */
@Component
class WorkFinder {

    private static final Logger log = LoggerFactory.getLogger(WorkFinder.class);

    /** Floor on a re-check wait, so tasks that are due but locked by another claim do not spin a poll. */
    static final Duration MIN_RECHECK = Duration.ofMillis(20);

    private final ClaimService claims;
    private final ClaimMapper claimMapper;
    private final GuardedPendingIndex index;
    private final NodeDirectory directory;
    private final DatabaseClock databaseClock;

    WorkFinder(
            ClaimService claims,
            ClaimMapper claimMapper,
            GuardedPendingIndex index,
            NodeDirectory directory,
            DatabaseClock databaseClock) {
        this.claims = claims;
        this.claimMapper = claimMapper;
        this.index = index;
        this.directory = directory;
        this.databaseClock = databaseClock;
    }

    /** What one look found: claimed tasks, or how long until it is worth looking again (null: no idea). */
    record Look(List<TaskAssignment> claimed, Duration recheck) {}

    Look look(long nodeId, long groupId, int maxTasks) {
        NodeRecord node = directory.require(nodeId);
        if (node.isDisable() || node.isGroupPaused()) {
            // Nothing to claim until the node is enabled or the group resumed; both events wake the poll.
            return new Look(List.of(), null);
        }
        return index.isAvailable() ? fromIndex(node, groupId, maxTasks) : fromDatabase(node, groupId, maxTasks);
    }

    /**
     * The index lanes the node takes from: its group's, its own (broadcast runs), and those of the
     * tag sets it has all of. A node with no tags never asks which tag lanes exist.
     */
    private List<Lane> lanes(NodeRecord node, long groupId) {
        List<Lane> lanes = new ArrayList<>();
        lanes.add(Lane.group(groupId));
        lanes.add(Lane.of(groupId, node.getId(), null));
        if (node.getTags() != null) {
            index.tagLanes(groupId).stream()
                    .filter(tags -> Tags.covers(node.getTags(), tags))
                    .sorted()
                    .forEach(tags -> lanes.add(Lane.of(groupId, null, tags)));
        }
        return lanes;
    }

    private Look fromIndex(NodeRecord node, long groupId, int maxTasks) {
        long nodeId = node.getId();
        List<Lane> lanes = lanes(node, groupId);
        Instant now = databaseClock.estimate();
        List<Long> taken = index.takeDue(lanes, now, maxTasks);
        if (!taken.isEmpty()) {
            List<TaskAssignment> claimed = List.of();
            try {
                claimed = claims.claimCandidates(nodeId, groupId, taken);
            } finally {
                putBackUnclaimed(groupId, taken, claimed, now);
            }
            if (!claimed.isEmpty()) {
                return new Look(claimed, null);
            }
        }
        Instant next = index.nextDue(lanes);
        return new Look(
                List.of(), next == null ? null : atLeastMinRecheck(Duration.between(databaseClock.estimate(), next)));
    }

    /**
     * Candidates the claim did not take go back into the index if the database still has them
     * pending (not yet due by its clock, or locked for a moment by another transaction); stale ones
     * (disabled, claimed, finished) stay out. When the database cannot say (it is away, which is
     * also why the claim failed), all go back as due {@code now}: a stale entry costs one failed
     * claim later, never a second run, whereas a dropped one would leave a due task unseen until
     * the next index rebuild (which also restores their priority). The claim's own outcome (its runs, or its failure) is never replaced
     * by this look-up's failure.
     */
    private void putBackUnclaimed(long groupId, List<Long> taken, List<TaskAssignment> claimed, Instant now) {
        List<Long> unclaimed = taken.stream()
                .filter(id -> claimed.stream().noneMatch(a -> a.taskId() == id))
                .toList();
        if (unclaimed.isEmpty()) {
            return;
        }
        try {
            claimMapper
                    .pendingAmong(unclaimed)
                    .forEach(e -> index.put(
                            Lane.of(groupId, e.getTargetNodeId(), e.getTags()),
                            e.getId(),
                            e.getPriority(),
                            e.getNextFireTime().toInstant(ZoneOffset.UTC)));
        } catch (RuntimeException e) {
            log.warn(
                    "Could not check which of {} unclaimed tasks are still pending; keeping them all in the index: {}",
                    unclaimed.size(),
                    e.getMessage());
            // Their priority and lane are not known here: the group's lane, where a node that may
            // not claim one puts it back into its own lane once the database answers again; the
            // next rebuild restores priorities.
            unclaimed.forEach(id -> index.put(Lane.group(groupId), id, TaskPriority.DEFAULT, now));
        }
    }

    private Look fromDatabase(NodeRecord node, long groupId, int maxTasks) {
        List<TaskAssignment> claimed = claims.claimCandidatesFromTable(node.getId(), groupId, maxTasks);
        if (!claimed.isEmpty()) {
            return new Look(claimed, null);
        }
        Long micros = claimMapper.microsUntilNextDue(groupId, node.getId(), ClaimService.tagMarks(node.getTags()));
        return new Look(List.of(), micros == null ? null : atLeastMinRecheck(Duration.ofNanos(micros * 1000)));
    }

    private static Duration atLeastMinRecheck(Duration due) {
        return due.compareTo(MIN_RECHECK) < 0 ? MIN_RECHECK : due;
    }
}
