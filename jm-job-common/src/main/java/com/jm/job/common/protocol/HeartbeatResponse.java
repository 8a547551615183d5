package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The master's answer to a heartbeat. Every listed run not in {@code cancelRunIds} had its lease
 * extended by {@code leaseMillis} from a moment no earlier than the node sent the heartbeat.
 *
 * @param cancelRunIds runs the node must cancel (their task was disabled or timed out)
 * @param leaseMillis how long the renewed leases last ({@code jm.job.master.lease}), or {@code
 *     null} from a master that does not say
 */
public record HeartbeatResponse(
        @Schema(description = "runs the node must cancel (task disabled or timed out)", example = "[]")
                List<Long> cancelRunIds,
        @Schema(description = "lease length in ms, counted from when the heartbeat was sent", example = "25000")
                Long leaseMillis) {

    public HeartbeatResponse {
        cancelRunIds = cancelRunIds == null ? List.of() : List.copyOf(cancelRunIds);
    }
}
