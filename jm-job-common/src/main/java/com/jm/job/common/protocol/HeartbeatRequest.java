package com.jm.job.common.protocol;

import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A node saying it is alive and which runs it is still executing; the master extends their leases.
 *
 * @param nodeId the node
 * @param runIds ids of the runs the node is executing now
 */
public record HeartbeatRequest(long nodeId, @Size(max = NodeApi.MAX_HEARTBEAT_RUN_IDS) List<Long> runIds) {

    public HeartbeatRequest {
        runIds = runIds == null ? List.of() : List.copyOf(runIds);
    }
}
