package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A node leaving after a graceful shutdown.
 *
 * @param nodeId the node
 */
public record DeregisterRequest(
        @Schema(description = "the node's id from its registration", example = "7") long nodeId) {}
