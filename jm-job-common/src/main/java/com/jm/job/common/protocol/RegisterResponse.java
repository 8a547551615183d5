package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The master's answer to {@link RegisterRequest}.
 *
 * @param nodeId the id the node names in every later call
 * @param groupId the id of the node's group
 * @param sessionToken a secret for this registration; the node sends it in {@link
 *     NodeApi#SESSION_HEADER} on every later call, which proves the call comes from this node
 */
public record RegisterResponse(
        @Schema(description = "the id the node names in every later call", example = "7") long nodeId,
        @Schema(description = "the node's group", example = "1") long groupId,
        @Schema(
                        description = "secret of this registration, sent as X-JmJob-Node-Session on every later call",
                        example = "3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                String sessionToken) {}
