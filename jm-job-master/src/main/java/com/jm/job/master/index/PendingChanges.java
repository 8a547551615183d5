package com.jm.job.master.index;

import com.jm.job.master.events.AfterCommit;
import com.jm.job.master.events.MasterEvents;
import com.jm.job.master.events.PendingSignals;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * The one way master writes tell the rest of the system what they changed, after they commit:
 * the pending index follows each task into and out of the queue, held polls of the group wake on
 * every master, and the cron loop re-plans when a schedule moves.
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
     * The task is pending, claimable from {@code due} (UTC, by the database clock), before the
     * group's tasks of a lower {@code priority}.
     */
    public void pending(long groupId, long taskId, int priority, LocalDateTime due) {
        Instant at = due.toInstant(ZoneOffset.UTC);
        AfterCommit.run(() -> {
            index.put(groupId, taskId, priority, at);
            events.pendingWork(groupId);
        });
    }

    /** The task left the queue (disabled); a claim takes its own entries out. */
    public void notPending(long groupId, long taskId) {
        AfterCommit.run(() -> index.remove(groupId, taskId));
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
