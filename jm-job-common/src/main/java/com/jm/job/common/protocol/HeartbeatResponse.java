package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The master's answer to a heartbeat.
 *
 * @param cancelRunIds runs the node must cancel (their task was disabled or timed out)
 */
public record HeartbeatResponse(
        @Schema(description = "runs the node must cancel (task disabled or timed out)", example = "[]")
                List<Long> cancelRunIds) {

    public HeartbeatResponse {
        cancelRunIds = cancelRunIds == null ? List.of() : List.copyOf(cancelRunIds);
    }
}
