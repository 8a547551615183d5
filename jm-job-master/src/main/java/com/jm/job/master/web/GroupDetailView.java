package com.jm.job.master.web;

import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.service.GroupService.GroupSummary;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * A group with what it holds.
 *
 * @param paused its tasks are not claimed until it is resumed
 * @param tasks number of tasks by status name
 * @param disabledTasks how many of those tasks are disabled
 * @param onlineNodes nodes with a recent heartbeat
 */
public record GroupDetailView(
        @Schema(description = "the group id", example = "1") long id,
        @Schema(description = "unique name", example = "billing") String name,
        @Schema(description = "paused: its tasks are not claimed until it is resumed", example = "false")
                boolean paused,
        @Schema(description = "when it was created (UTC)", example = "2026-12-01T09:30:00Z") Instant createdAt,
        @Schema(description = "number of tasks by status name", example = "{\"NOT_STARTED\":3,\"PENDING\":1}")
                Map<TaskStatus, Long> tasks,
        @Schema(description = "how many of those tasks are disabled", example = "1") long disabledTasks,
        @Schema(description = "nodes with a recent heartbeat", example = "2") long onlineNodes) {

    public static GroupDetailView of(GroupSummary summary) {
        return new GroupDetailView(
                summary.group().getId(),
                summary.group().getName(),
                summary.group().isPaused(),
                Times.utc(summary.group().getCreatedAt()),
                summary.tasksByStatus(),
                summary.disabledTasks(),
                summary.onlineNodes());
    }
}
