package com.jm.job.common.protocol;

import java.util.List;

/**
 * The master's answer to a heartbeat.
 *
 * @param cancelRunIds runs the node must cancel (their task was disabled or timed out)
 */
public record HeartbeatResponse(List<Long> cancelRunIds) {

    public HeartbeatResponse {
        cancelRunIds = cancelRunIds == null ? List.of() : List.copyOf(cancelRunIds);
    }
}
