package com.jm.job.common.protocol;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A long poll for work. The node asks for no more tasks than it has free slots (its worker threads
 * plus its prefetch), so work never queues up in a node beyond what it was configured to hold.
 *
 * @param nodeId the polling node
 * @param maxTasks the node's free slots; the master claims at most this many tasks
 * @param waitMillis how long the master may hold the request when nothing is due
 */
public record PollRequest(
        long nodeId,
        @Min(1) @Max(NodeApi.MAX_POLL_TASKS) int maxTasks,
        @Min(0) @Max(NodeApi.MAX_POLL_WAIT_MILLIS) long waitMillis) {}
