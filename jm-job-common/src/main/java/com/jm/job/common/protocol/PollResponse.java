package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The tasks claimed for the polling node; empty when the wait ended with nothing due.
 *
 * <p>The node counts each claimed run's lease from the moment it sent the poll plus {@code
 * heldMillis}: the claim happened no earlier than that, so the node's estimate of the lease's end
 * is never later than the master's, even when the answer reaches a node that was paused.
 *
 * @param tasks claimed executions, at most the poll's {@code maxTasks}
 * @param leaseMillis how long a lease lasts without a heartbeat ({@code jm.job.master.lease}), or
 *     {@code null} from a master that does not say
 * @param heldMillis how long the master held the poll before the claim that found these tasks
 *     began (0 when it claimed at once), or {@code null} from a master that does not say
 */
public record PollResponse(
        @Schema(description = "claimed executions, at most the poll's maxTasks") List<TaskAssignment> tasks,
        @Schema(
                        description = "lease length in ms: a run not renewed by a heartbeat within it is lost",
                        example = "25000")
                Long leaseMillis,
        @Schema(description = "ms the poll was held before the claim began", example = "0") Long heldMillis) {

    public PollResponse {
        tasks = List.copyOf(tasks);
    }
}
