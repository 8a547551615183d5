package com.jm.job.master.web;

import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.domain.TaskStatus;
import java.time.Instant;

/**
 * A task in API answers: status by name, flags as booleans, times as UTC instants. Sensitive params
 * are shown as {@value #MASK}; only the node that runs the task gets them, in its poll answer.
 */
public record TaskView(
        long id,
        String name,
        String beanName,
        long groupId,
        TaskStatus status,
        boolean disabled,
        boolean retry,
        int maxRetries,
        int attempt,
        String cron,
        String timeZone,
        String params,
        boolean paramsSensitive,
        Integer timeoutSeconds,
        Instant nextFireTime,
        Long runId,
        Long nodeId,
        Instant leaseUntil,
        String lastError,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    static final String MASK = "******";

    static TaskView of(TaskRecord t) {
        return new TaskView(
                t.getId(),
                t.getName(),
                t.getBeanName(),
                t.getGroupId(),
                t.getStatus(),
                t.isDisable(),
                t.isRetry(),
                t.getMaxRetries(),
                t.getAttempt(),
                t.getCron(),
                t.getCronZone(),
                t.isParamsSensitive() && t.getParams() != null ? MASK : t.getParams(),
                t.isParamsSensitive(),
                t.getTimeoutS(),
                Times.utc(t.getNextFireTime()),
                t.getRunId(),
                t.getNodeId(),
                Times.utc(t.getLeaseUntil()),
                t.getLastError(),
                t.getVersion(),
                Times.utc(t.getCreatedAt()),
                Times.utc(t.getUpdatedAt()));
    }
}
