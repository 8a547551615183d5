package com.jm.job.common.protocol;

/**
 * The master's answer to {@link RegisterRequest}.
 *
 * @param nodeId the id the node names in every later call
 * @param groupId the id of the node's group
 */
public record RegisterResponse(long nodeId, long groupId) {}
