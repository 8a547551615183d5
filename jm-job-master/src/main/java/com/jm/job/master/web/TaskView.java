package com.jm.job.master.web;

import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.domain.TaskStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * A task in API answers: status by name, flags as booleans, times as UTC instants, schedule
 * intervals as ISO-8601 durations. {@code runAt} is the schedule's first fire time (for a fixed
 * rate given without one, when it was created).
 */
public record TaskView(
        long id,
        String name,
        String beanName,
        long groupId,
        TaskStatus status,
        boolean disabled,
        boolean retry,
        int priority,
        int maxRetries,
        int attempt,
        String cron,
        String timeZone,
        String fixedRate,
        String fixedDelay,
        Instant runAt,
        String params,
        Integer timeoutSeconds,
        Instant nextFireTime,
        Long runId,
        Long nodeId,
        Instant leaseUntil,
        String lastError,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    static TaskView of(TaskRecord t) {
        return new TaskView(
                t.getId(),
                t.getName(),
                t.getBeanName(),
                t.getGroupId(),
                t.getStatus(),
                t.isDisable(),
                t.isRetry(),
                t.getPriority(),
                t.getMaxRetries(),
                t.getAttempt(),
                t.getCron(),
                t.getCronZone(),
                iso(t.getFixedRateMs()),
                iso(t.getFixedDelayMs()),
                Times.utc(t.getRunAt()),
                t.getParams(),
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

    /** A schedule interval as it was written: an ISO-8601 duration such as PT30S. */
    private static String iso(Long millis) {
        return millis == null ? null : Duration.ofMillis(millis).toString();
    }
}
