package com.jm.job.master.index;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.events.PendingSignals;
import com.jm.job.master.store.ClaimMapper;
import com.jm.job.master.store.PendingEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the pending index honest against the database, the truth: rebuilds it at start, when it
 * was emptied (a Redis flush or restart drops the built marker), when the store comes back after
 * being unreachable, after every reconnect to it (it may be another server now, missing the last
 * writes: a failover), after any addition to it was dropped since the last rebuild began (one
 * dropped while a rebuild ran may belong to a task its snapshot missed), and periodically. A
 * rebuild only adds; stale entries cost a failed claim and are dropped then.
 */
@Component
public class IndexReconciler {

    private static final Logger log = LoggerFactory.getLogger(IndexReconciler.class);

    private final GuardedPendingIndex index;
    private final ClaimMapper claims;
    private final JmJobMasterProperties properties;
    private final Clock clock;
    private final PendingSignals signals;
    private Instant lastRebuild = Instant.MIN;
    /** The store's reconnect count the last rebuild started at. */
    private long rebuiltAtReconnect = -1;
    /** The guard's count of dropped additions the last rebuild started at. */
    private long rebuiltAtDropped = -1;

    private long rebuilds;

    public IndexReconciler(
            GuardedPendingIndex index,
            ClaimMapper claims,
            JmJobMasterProperties properties,
            Clock clock,
            PendingSignals signals) {
        this.index = index;
        this.claims = claims;
        this.properties = properties;
        this.clock = clock;
        this.signals = signals;
    }

    /** One check; rebuilds when needed. Answers whether the index is usable afterwards. */
    public synchronized boolean reconcile() {
        PendingIndex store = index.unguarded();
        try {
            Instant now = clock.instant();
            boolean due = now.isAfter(lastRebuild.plus(properties.getIndexRebuildInterval()));
            boolean back = !index.isAvailable()
                    || index.reconnects() != rebuiltAtReconnect
                    || index.droppedAdditions() != rebuiltAtDropped;
            if (back || !store.isBuilt() || due) {
                log.debug(
                        "Rebuilding the pending index (available {}, reconnects {}/{}, dropped additions {}/{}, due {})",
                        index.isAvailable(),
                        index.reconnects(),
                        rebuiltAtReconnect,
                        index.droppedAdditions(),
                        rebuiltAtDropped,
                        due);
                rebuild(store);
                lastRebuild = now;
            }
            index.markAvailable();
            if (back) {
                // Wake-ups from other masters were lost while the store was away or changing:
                // every poll held here looks again, in the index just rebuilt.
                signals.signalAll();
            }
        } catch (RuntimeException e) {
            index.markUnavailable(e);
        }
        return index.isAvailable();
    }

    /**
     * Rebuilds at once, for an operator who changed tasks in the database by hand (such writes do
     * not pass through the master, so only a rebuild puts them in the index). Answers how many
     * pending tasks the index now holds.
     */
    public synchronized int rebuildNow() {
        try {
            int pending = rebuild(index.unguarded());
            lastRebuild = clock.instant();
            index.markAvailable();
            return pending;
        } catch (RuntimeException e) {
            index.markUnavailable(e);
            throw e;
        }
    }

    /** How many rebuilds have completed since this master started. */
    public synchronized long rebuilds() {
        return rebuilds;
    }

    /**
     * Both counts are read before the database's pending set: a reconnect while the rebuild runs (it
     * may have written part of the index to the server that just went) calls for another one, and
     * so does an addition dropped after the read (its task may have committed after it, and the
     * index is still unavailable until the rebuild ends, so it is in neither).
     */
    private int rebuild(PendingIndex store) {
        long reconnect = index.reconnects();
        long dropped = index.droppedAdditions();
        Map<Lane, List<PendingIndex.Entry>> byLane = new HashMap<>();
        List<PendingEntry> pending = claims.allPending();
        for (PendingEntry entry : pending) {
            byLane.computeIfAbsent(
                            Lane.of(entry.getGroupId(), entry.getTargetNodeId(), entry.getTags()),
                            g -> new ArrayList<>())
                    .add(new PendingIndex.Entry(
                            entry.getId(),
                            entry.getPriority(),
                            entry.getNextFireTime().toInstant(ZoneOffset.UTC)));
        }
        byLane.forEach(store::putAll);
        store.markBuilt();
        rebuiltAtReconnect = reconnect;
        rebuiltAtDropped = dropped;
        rebuilds++;
        return pending.size();
    }
}
