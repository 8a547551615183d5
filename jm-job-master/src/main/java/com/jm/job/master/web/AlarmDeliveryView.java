package com.jm.job.master.web;

import com.jm.job.master.domain.AlarmDeliveryRecord;
import com.jm.job.master.domain.AlarmEvent;
import com.jm.job.master.domain.DeliveryState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One alarm event a rule matched and how delivering it went. */
public record AlarmDeliveryView(
        @Schema(description = "delivery id (the X-JmJob-Delivery header)", example = "17") long id,
        @Schema(description = "the rule", example = "3") long ruleId,
        @Schema(description = "what happened", example = "RUN_FAILED") AlarmEvent event,
        @Schema(description = "the group", example = "1") Long groupId,
        @Schema(description = "the task, if any", example = "42") Long taskId,
        @Schema(description = "the run, if any", example = "1234") Long runId,
        @Schema(description = "what the alarm says", example = "FAILED: connection refused") String message,
        @Schema(description = "when it was recorded (UTC)", example = "2026-12-01T10:00:00Z") Instant occurredAt,
        @Schema(description = "PENDING, SENDING, DELIVERED, FAILED or SILENCED", example = "DELIVERED")
                DeliveryState state,
        @Schema(description = "attempts so far", example = "1") int attempts,
        @Schema(description = "when it is tried next (PENDING)", example = "2026-12-01T10:00:02Z")
                Instant nextAttemptAt,
        @Schema(description = "why the last attempt failed", example = "the webhook answered HTTP 503")
                String lastError,
        @Schema(description = "when it was delivered, failed for good or silenced", example = "2026-12-01T10:00:00Z")
                Instant finishedAt) {

    public static AlarmDeliveryView of(AlarmDeliveryRecord d) {
        return new AlarmDeliveryView(
                d.getId(),
                d.getRuleId(),
                d.getKind(),
                d.getGroupId(),
                d.getTaskId(),
                d.getRunId(),
                d.getMessage(),
                Times.utc(d.getOccurredAt()),
                d.getState(),
                d.getAttempts(),
                d.getState() == DeliveryState.PENDING ? Times.utc(d.getNextAttemptAt()) : null,
                d.getLastError(),
                Times.utc(d.getFinishedAt()));
    }
}
