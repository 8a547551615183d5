package com.jm.job.master.web;

import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.service.GroupService.GroupSummary;
import java.time.Instant;
import java.util.Map;

/**
 * A group with what it holds.
 *
 * @param tasks number of tasks by status name
 * @param disabledTasks how many of those tasks are disabled
 * @param onlineNodes nodes with a recent heartbeat
 */
public record GroupDetailView(
        long id, String name, Instant createdAt, Map<TaskStatus, Long> tasks, long disabledTasks, long onlineNodes) {

    static GroupDetailView of(GroupSummary summary) {
        return new GroupDetailView(
                summary.group().getId(),
                summary.group().getName(),
                Times.utc(summary.group().getCreatedAt()),
                summary.tasksByStatus(),
                summary.disabledTasks(),
                summary.onlineNodes());
    }
}
