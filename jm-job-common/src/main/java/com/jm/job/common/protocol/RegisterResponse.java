package com.jm.job.common.protocol;

/**
 * The master's answer to {@link RegisterRequest}.
 *
 * @param nodeId the id the node names in every later call
 * @param groupId the id of the node's group
 * @param sessionToken a secret for this registration; the node sends it in {@link
 *     NodeApi#SESSION_HEADER} on every later call, which proves the call comes from this node
 */
public record RegisterResponse(long nodeId, long groupId, String sessionToken) {}
