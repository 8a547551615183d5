package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The tasks claimed for the polling node; empty when the wait ended with nothing due.
 *
 * @param tasks claimed executions, at most the poll's {@code maxTasks}
 */
public record PollResponse(
        @Schema(description = "claimed executions, at most the poll's maxTasks") List<TaskAssignment> tasks) {

    public PollResponse {
        tasks = List.copyOf(tasks);
    }
}
