package com.jm.job.master.web;

import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.service.GroupService.GroupSummary;
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
        long id,
        String name,
        boolean paused,
        Instant createdAt,
        Map<TaskStatus, Long> tasks,
        long disabledTasks,
        long onlineNodes) {

    static GroupDetailView of(GroupSummary summary) {
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
