package com.jm.job.master.index;

import com.jm.job.master.events.AfterCommit;
import com.jm.job.master.events.MasterEvents;
import com.jm.job.master.events.PendingSignals;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The one way master writes tell the rest of the system what they changed, after they commit:
 * the pending index follows each task into and out of the queue, held polls of the group wake on
 * every master, and the cron loop re-plans when a schedule moves.
 *
 * <p>Work in the group's own lane, which every node of the group may claim, wakes as many held
 * polls as tasks became due. Work in a tag's or a node's lane wakes them all, as before counts: a
 * wake-up goes to the longest-waiting poll whatever its node, and one poll passing it on once
 * would seldom reach the one node (or the few with the tags) that may claim it, leaving the task
 * to the end of that node's wait.
 */
@Component
public class PendingChanges {

    private final GuardedPendingIndex index;
    private final MasterEvents events;
    private final PendingSignals signals;

    public PendingChanges(GuardedPendingIndex index, MasterEvents events, PendingSignals signals) {
        this.index = index;
        this.events = events;
        this.signals = signals;
    }

    /**
     * The task is pending in {@code lane}, claimable from {@code due} (UTC, by the database clock),
     * before the group's tasks of a lower {@code priority}.
     */
    public void pending(Lane lane, long taskId, int priority, LocalDateTime due) {
        Instant at = due.toInstant(ZoneOffset.UTC);
        AfterCommit.run(() -> {
            index.put(lane, taskId, priority, at);
            if (anyNodeClaims(lane)) {
                events.pendingWork(lane.groupId(), 1);
            } else {
                events.pendingWork(lane.groupId());
            }
        });
    }

    /** Many tasks of one group are pending (a fire's units), each in its lane. */
    public void pendingAll(long groupId, Map<Lane, List<PendingIndex.Entry>> byLane) {
        AfterCommit.run(() -> {
            byLane.forEach(index::putAll);
            if (byLane.keySet().stream().allMatch(PendingChanges::anyNodeClaims)) {
                events.pendingWork(
                        groupId, byLane.values().stream().mapToInt(List::size).sum());
            } else {
                events.pendingWork(groupId);
            }
        });
    }

    /** The group's own lane: any node of the group may claim its tasks, so any poll may be woken. */
    private static boolean anyNodeClaims(Lane lane) {
        return lane.nodeId() == null && lane.tags() == null;
    }

    /** The task left the queue (disabled); a claim takes its own entries out. */
    public void notPending(Lane lane, long taskId) {
        AfterCommit.run(() -> index.remove(lane, taskId));
    }

    /** A cron fire time was set; it may be earlier than the one the cron loop sleeps for. */
    public void scheduleChanged() {
        AfterCommit.run(signals.schedule()::signal);
    }

    /** The group was paused or resumed. */
    public void groupChanged(long groupId) {
        AfterCommit.run(() -> events.groupChanged(groupId));
    }

    /** A node changed (disabled, enabled, registered, deregistered). */
    public void nodeChanged(long nodeId) {
        AfterCommit.run(() -> events.nodeChanged(nodeId));
    }
}
