package com.jm.job.master.index;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Per group, the ids of pending tasks ordered by priority (highest first), then due time: where
 * polls look for work instead of the database, in the order the claim takes it. A group's tasks
 * wait in {@link Lane}s: the group's own, one per node for broadcast runs, one per set of tags. It
 * is an index, not the truth: an entry may be stale (the claim, a conditional UPDATE on the
 * primary, then simply fails) or missing (the reconcile loop adds it back from the database).
 */
public interface PendingIndex {

    /** A task as the index holds it: claimable from {@code due}, ordered by {@code priority} first. */
    record Entry(long taskId, int priority, Instant due) {}

    /** Adds a task to a lane, or moves it to a new priority or due time. */
    void put(Lane lane, long taskId, int priority, Instant due);

    /** Adds (or moves) many tasks of one lane at once: the rebuild from the database. */
    void putAll(Lane lane, Collection<Entry> entries);

    /** Takes a task out of its lane. */
    void remove(Lane lane, long taskId);

    /**
     * Removes and returns up to {@code limit} tasks due at {@code now} from the lanes (all of one
     * group), atomically: the highest priority first across the lanes and, within a priority and a
     * lane, in due order. A task that is not yet due never holds back due ones of a lower priority.
     */
    List<Long> takeDue(List<Lane> lanes, Instant now, int limit);

    /** The earliest due time in the lanes, whatever the priority, or null when they are empty. */
    Instant nextDue(List<Lane> lanes);

    /** The tags (stored form) of the group's tag lanes that have held a task since the last build. */
    Set<String> tagLanes(long groupId);

    /** Whether the index was built since it was last emptied (false after a Redis flush or restart). */
    boolean isBuilt();

    /** Records that a full rebuild from the database has just been done. */
    void markBuilt();

    /** {@link #put(Lane, long, int, Instant)} in the group's own lane. */
    default void put(long groupId, long taskId, int priority, Instant due) {
        put(Lane.group(groupId), taskId, priority, due);
    }

    /** {@link #putAll(Lane, Collection)} in the group's own lane. */
    default void putAll(long groupId, Collection<Entry> entries) {
        putAll(Lane.group(groupId), entries);
    }

    /** {@link #remove(Lane, long)} from the group's own lane. */
    default void remove(long groupId, long taskId) {
        remove(Lane.group(groupId), taskId);
    }

    /** {@link #takeDue(List, Instant, int)} from the group's own lane. */
    default List<Long> takeDue(long groupId, Instant now, int limit) {
        return takeDue(List.of(Lane.group(groupId)), now, limit);
    }

    /** {@link #nextDue(List)} of the group's own lane. */
    default Instant nextDue(long groupId) {
        return nextDue(List.of(Lane.group(groupId)));
    }
}
