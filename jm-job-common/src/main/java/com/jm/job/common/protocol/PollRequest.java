package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;
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
        @Schema(description = "the polling node", example = "7") long nodeId,
        @Schema(description = "free slots: the master claims at most this many tasks", example = "4")
                @Min(1)
                @Max(NodeApi.MAX_POLL_TASKS)
                int maxTasks,
        @Schema(description = "how long the master may hold the request when nothing is due", example = "500")
                @Min(0)
                @Max(NodeApi.MAX_POLL_WAIT_MILLIS)
                long waitMillis) {}
