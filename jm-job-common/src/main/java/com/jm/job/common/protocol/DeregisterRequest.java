package com.jm.job.common.protocol;

/**
 * A node leaving after a graceful shutdown.
 *
 * @param nodeId the node
 */
public record DeregisterRequest(long nodeId) {}
