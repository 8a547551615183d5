package com.jm.job.master.store;

import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/**
 * A lease is a running task's licence to run on one node until {@code lease_until} (by the
 * database clock). It is granted by the claim, extended by the node's heartbeats, found lapsed by
 * lease recovery, and ends when the task leaves RUNNING ({@link FinishMapper#moveAlike} clears it).
 */
@Mapper
public interface LeaseMapper {

    /** Marks the locked tasks running on the node under a lease, pointing each at its run. */
    /**
     * Tasks whose run was never acknowledged (locked by the caller) are pending again at once, the
     * attempt their claim counted given back.
     */
    int redeliver(@Param("taskIds") List<Long> taskIds);

    int grant(
            @Param("nodeId") long nodeId,
            @Param("leaseMs") long leaseMs,
            @Param("delivered") boolean delivered,
            @Param("runs") Batch<ClaimedRun> runs);

    /**
     * Extends the leases of the node's current runs among {@code runIds}; the tasks are addressed by
     * primary key ({@code taskIds}) so the update locks only them.
     */
    int extend(
            @Param("nodeId") long nodeId,
            @Param("taskIds") List<Long> taskIds,
            @Param("runIds") List<Long> runIds,
            @Param("leaseMs") long leaseMs);

    /** Of {@code runIds}, those still current on the node for an enabled task; the rest must stop. */
    List<Long> live(
            @Param("nodeId") long nodeId, @Param("taskIds") List<Long> taskIds, @Param("runIds") List<Long> runIds);

    /**
     * Locks running tasks whose lease lapsed (their node stopped heartbeating), oldest first; with
     * {@code deliveriesFrom} set, only undelivered runs whose delivery lease ends at or after it
     * (see {@code DatabaseContact}).
     */
    List<RunningTask> lockExpired(@Param("limit") int limit, @Param("deliveriesFrom") LocalDateTime deliveriesFrom);
}
