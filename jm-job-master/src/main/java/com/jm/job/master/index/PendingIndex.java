package com.jm.job.master.index;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Per group, the ids of pending tasks ordered by due time: where polls look for work instead of the
 * database. It is an index, not the truth: an entry may be stale (the claim, a conditional UPDATE on
 * the primary, then simply fails) or missing (the reconcile loop adds it back from the database).
 */
public interface PendingIndex {

    /** Adds a task to its group's queue, or moves it to a new due time. */
    void put(long groupId, long taskId, Instant due);

    /** Adds (or moves) many tasks of one group at once: the rebuild from the database. */
    void putAll(long groupId, Map<Long, Instant> dueByTask);

    /** Takes a task out of its group's queue. */
    void remove(long groupId, long taskId);

    /** Removes and returns, in due order, up to {@code limit} tasks due at {@code now}; atomic. */
    List<Long> takeDue(long groupId, Instant now, int limit);

    /** The earliest due time in the group's queue, or null when it is empty. */
    Instant nextDue(long groupId);

    /** Whether the index was built since it was last emptied (false after a Redis flush or restart). */
    boolean isBuilt();

    /** Records that a full rebuild from the database has just been done. */
    void markBuilt();
}
