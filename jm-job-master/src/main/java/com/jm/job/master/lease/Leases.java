package com.jm.job.master.lease;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.store.Batch;
import com.jm.job.master.store.ClaimedRun;
import com.jm.job.master.store.LeaseMapper;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Grants and extends leases, always for {@code jm.job.master.lease} from now by the database
 * clock. Runs inside the caller's transaction: a claim grants, a heartbeat extends. Lapsed leases
 * are {@link LeaseRecovery}'s; a lease ends when its task leaves RUNNING.
 */
@Component
public class Leases {

    private final LeaseMapper leases;
    private final Duration lease;
    private final Duration deliveryLease;

    public Leases(LeaseMapper leases, JmJobMasterProperties properties) {
        this.leases = leases;
        this.lease = properties.getLease();
        // Never longer than the lease itself: an acknowledgement must not shorten a lease.
        Duration delivery = properties.getDeliveryLease();
        this.deliveryLease = delivery.compareTo(lease) > 0 ? lease : delivery;
    }

    /** How long a lease lasts from its grant or last extension; nodes are told it in their answers. */
    public Duration length() {
        return lease;
    }

    /**
     * How long the lease a claim grants a node lasts: the delivery lease when the node acknowledges
     * deliveries (its acknowledgement extends it to {@link #length()}), else the full lease.
     */
    public Duration granted(boolean nodeAcknowledges) {
        return nodeAcknowledges ? deliveryLease : lease;
    }

    /**
     * Grants the node a lease on each claimed task (locked by the caller) and points the task at
     * its run; answers how many tasks moved. A node that acknowledges deliveries gets the short
     * delivery lease, its runs marked undelivered until it acknowledges them.
     */
    public int grant(long nodeId, boolean nodeAcknowledges, List<ClaimedRun> runs) {
        return leases.grant(nodeId, granted(nodeAcknowledges).toMillis(), !nodeAcknowledges, Batch.of(runs));
    }

    /**
     * Extends the leases of the node's current runs among {@code runIds} (of the tasks
     * {@code taskIds}) and answers which of them are still live: current on the node for an
     * enabled task. The others must stop. A run's first extension is its acknowledgement: it was
     * delivered.
     */
    public Set<Long> extend(long nodeId, List<Long> taskIds, List<Long> runIds) {
        leases.extend(nodeId, taskIds, runIds, lease.toMillis());
        return new HashSet<>(leases.live(nodeId, taskIds, runIds));
    }
}
