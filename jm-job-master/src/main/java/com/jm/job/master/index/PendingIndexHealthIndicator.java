package com.jm.job.master.index;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports {@code DEGRADED} while the pending index is unavailable: the master still dispatches
 * (from the database, with more queries), so it is not down.
 */
public class PendingIndexHealthIndicator implements HealthIndicator {

    public static final Status DEGRADED =
            new Status("DEGRADED", "pending index unavailable; dispatching from the database");

    private final GuardedPendingIndex index;

    public PendingIndexHealthIndicator(GuardedPendingIndex index) {
        this.index = index;
    }

    @Override
    public Health health() {
        return index.isAvailable()
                ? Health.up().build()
                : Health.status(DEGRADED).build();
    }
}
