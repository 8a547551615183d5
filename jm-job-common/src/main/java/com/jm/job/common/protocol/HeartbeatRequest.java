package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A node saying it is alive and which runs it is still executing; the master extends their leases.
 *
 * @param nodeId the node
 * @param runIds ids of the runs the node is executing now
 */
public record HeartbeatRequest(
        @Schema(description = "the node", example = "7") long nodeId,
        @Schema(description = "ids of the runs the node is executing now", example = "[1001]")
                @Size(max = NodeApi.MAX_HEARTBEAT_RUN_IDS)
                List<Long> runIds) {

    public HeartbeatRequest {
        runIds = runIds == null ? List.of() : List.copyOf(runIds);
    }
}
