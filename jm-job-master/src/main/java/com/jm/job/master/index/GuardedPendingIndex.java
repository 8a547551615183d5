package com.jm.job.master.index;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index as the master uses it: any failure of the store behind it (Redis down) marks it
 * unavailable, and the master dispatches from the database until the reconcile loop has rebuilt
 * the index and made it available again. Writes while unavailable are dropped; the rebuild covers
 * them. Starts unavailable: the first rebuild makes it usable.
 *
 * <p>It also counts the store's reconnects: after one the store may be another server than before
 * (a Sentinel or Cluster failover promoted a replica that had not received the last writes; a
 * restarted primary came back empty), so the reconcile loop rebuilds after each, even when no
 * command failed in between.
 *
 * <p>And it counts the additions it dropped. A rebuild's snapshot of the database is read before
 * the index is marked available again; a task committed after that read whose addition came in
 * before the mark was dropped and is in neither, so it would wait for the next periodic rebuild.
 * The reconcile loop rebuilds again whenever an addition was dropped since its last rebuild began.
 */
public class GuardedPendingIndex {

    private static final Logger log = LoggerFactory.getLogger(GuardedPendingIndex.class);

    private final PendingIndex index;
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong droppedAdditions = new AtomicLong();
    private volatile boolean available;

    public GuardedPendingIndex(PendingIndex index) {
        this.index = index;
    }

    public boolean isAvailable() {
        return available;
    }

    /** The connection to the store broke and is being made again; the next reconcile rebuilds. */
    void reconnecting() {
        reconnects.incrementAndGet();
    }

    /** How many reconnects to the store began so far: a change since a rebuild calls for another. */
    long reconnects() {
        return reconnects.get();
    }

    /** How many additions were dropped so far (unavailable, or the store failed them). */
    long droppedAdditions() {
        return droppedAdditions.get();
    }

    /** The index behind the guard, for the reconcile loop's rebuild. */
    PendingIndex unguarded() {
        return index;
    }

    void markAvailable() {
        if (!available) {
            log.info("Pending index available: polls take their work from it again");
        }
        available = true;
    }

    void markUnavailable(RuntimeException cause) {
        if (available) {
            log.warn("Pending index unavailable, dispatching from the database until it is back: {}", cause.toString());
        }
        available = false;
    }

    public void put(Lane lane, long taskId, int priority, Instant due) {
        add(() -> index.put(lane, taskId, priority, due));
    }

    public void putAll(Lane lane, List<PendingIndex.Entry> entries) {
        add(() -> index.putAll(lane, entries));
    }

    /** A dropped removal only leaves a stale entry, which costs a failed claim: not counted. */
    public void remove(Lane lane, long taskId) {
        run(() -> index.remove(lane, taskId));
    }

    private void add(Runnable action) {
        if (!run(action)) {
            droppedAdditions.incrementAndGet();
        }
    }

    public List<Long> takeDue(List<Lane> lanes, Instant now, int limit) {
        return call(() -> index.takeDue(lanes, now, limit), List.of());
    }

    public Instant nextDue(List<Lane> lanes) {
        return call(() -> index.nextDue(lanes), null);
    }

    public Set<String> tagLanes(long groupId) {
        return call(() -> index.tagLanes(groupId), Set.of());
    }

    /** Answers whether the store took the write. */
    private boolean run(Runnable action) {
        if (!available) {
            return false;
        }
        try {
            action.run();
            return true;
        } catch (RuntimeException e) {
            markUnavailable(e);
            return false;
        }
    }

    private <T> T call(Supplier<T> action, T fallback) {
        if (!available) {
            return fallback;
        }
        try {
            return action.get();
        } catch (RuntimeException e) {
            markUnavailable(e);
            return fallback;
        }
    }
}
