package com.jm.job.master.index;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.store.ClaimMapper;
import com.jm.job.master.store.PendingEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Keeps the pending index honest against the database, the truth: rebuilds it at start, when it
 * was emptied (a Redis flush or restart drops the built marker), when the store comes back after
 * being unreachable, and periodically. A rebuild only adds; stale entries cost a failed claim and
 * are dropped then.
 */
@Component
public class IndexReconciler {

    private final GuardedPendingIndex index;
    private final ClaimMapper claims;
    private final JmJobMasterProperties properties;
    private final Clock clock;
    private Instant lastRebuild = Instant.MIN;

    public IndexReconciler(
            GuardedPendingIndex index, ClaimMapper claims, JmJobMasterProperties properties, Clock clock) {
        this.index = index;
        this.claims = claims;
        this.properties = properties;
        this.clock = clock;
    }

    /** One check; rebuilds when needed. Answers whether the index is usable afterwards. */
    public synchronized boolean reconcile() {
        PendingIndex store = index.unguarded();
        try {
            Instant now = clock.instant();
            boolean due = now.isAfter(lastRebuild.plus(properties.getIndexRebuildInterval()));
            if (!index.isAvailable() || !store.isBuilt() || due) {
                rebuild(store);
                lastRebuild = now;
            }
            index.markAvailable();
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

    private int rebuild(PendingIndex store) {
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
        return pending.size();
    }
}
