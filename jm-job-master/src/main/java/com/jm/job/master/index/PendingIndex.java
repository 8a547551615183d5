package com.jm.job.master.index;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Per group, the ids of pending tasks ordered by priority (highest first), then due time: where
 * polls look for work instead of the database, in the order the claim takes it. It is an index, not
 * the truth: an entry may be stale (the claim, a conditional UPDATE on the primary, then simply
 * fails) or missing (the reconcile loop adds it back from the database).
 */
public interface PendingIndex {

    /** A task as the index holds it: claimable from {@code due}, ordered by {@code priority} first. */
    record Entry(long taskId, int priority, Instant due) {}

    /** Adds a task to its group's queue, or moves it to a new priority or due time. */
    void put(long groupId, long taskId, int priority, Instant due);

    /** Adds (or moves) many tasks of one group at once: the rebuild from the database. */
    void putAll(long groupId, Collection<Entry> entries);

    /** Takes a task out of its group's queue. */
    void remove(long groupId, long taskId);

    /**
     * Removes and returns up to {@code limit} tasks due at {@code now}, atomically: the highest
     * priority first and, within a priority, in due order. A task that is not yet due never holds
     * back due ones of a lower priority.
     */
    List<Long> takeDue(long groupId, Instant now, int limit);

    /** The earliest due time in the group's queue, whatever the priority, or null when it is empty. */
    Instant nextDue(long groupId);

    /** Whether the index was built since it was last emptied (false after a Redis flush or restart). */
    boolean isBuilt();

    /** Records that a full rebuild from the database has just been done. */
    void markBuilt();
}
