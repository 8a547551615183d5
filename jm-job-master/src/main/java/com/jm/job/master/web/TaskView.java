package com.jm.job.master.web;

import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.domain.TaskStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A task in API answers: status by name, flags as booleans, times as UTC instants. */
public record TaskView(
        @Schema(description = "task id", example = "42") long id,
        @Schema(description = "display name", example = "send invoices") String name,
        @Schema(description = "the job handler", example = "sendInvoices") String beanName,
        @Schema(description = "its group", example = "1") long groupId,
        @Schema(description = "NOT_STARTED (0), PENDING (1), RUNNING (2) or ERROR (3)", example = "PENDING")
                TaskStatus status,
        @Schema(description = "disabled tasks never start until enabled", example = "false") boolean disabled,
        @Schema(description = "retry a failed run automatically", example = "true") boolean retry,
        @Schema(description = "automatic retries allowed", example = "3") int maxRetries,
        @Schema(description = "attempt of the current or last run", example = "0") int attempt,
        @Schema(description = "cron expression, if any", example = "0 0 6 * * *") String cron,
        @Schema(description = "zone of the cron expression", example = "Europe/Berlin") String timeZone,
        @Schema(description = "parameters handed to the handler", example = "day=2026-12-01") String params,
        @Schema(description = "run time limit in seconds", example = "300") Integer timeoutSeconds,
        @Schema(description = "next due time (UTC)", example = "2026-12-01T09:30:00Z") Instant nextFireTime,
        @Schema(description = "the current run, while running", example = "1001") Long runId,
        @Schema(description = "the node running it, while running", example = "7") Long nodeId,
        @Schema(description = "end of the running node lease (UTC)", example = "2026-12-01T09:30:30Z")
                Instant leaseUntil,
        @Schema(description = "message of the last failure", example = "connection refused") String lastError,
        @Schema(description = "changes with every update (optimistic lock)", example = "0") long version,
        @Schema(description = "creation time (UTC)", example = "2026-12-01T09:30:00Z") Instant createdAt,
        @Schema(description = "last change (UTC)", example = "2026-12-01T09:30:00Z") Instant updatedAt) {

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
}
