package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Which outcomes the master has dealt with. An acknowledged outcome was either applied now, applied
 * before (a resend), or refused for good because the run is no longer the node's current one; in
 * every case the node can forget it.
 *
 * @param acknowledged run ids the node may drop from its resend buffer
 */
public record FinishResponse(
        @Schema(description = "run ids the node may drop from its resend buffer", example = "[1001]")
                List<Long> acknowledged) {

    public FinishResponse {
        acknowledged = List.copyOf(acknowledged);
    }
}
