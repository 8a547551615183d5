package com.jm.job.master.store;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Leases of running tasks, kept alive by their node's heartbeats. */
@Mapper
public interface LeaseMapper {

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
}
