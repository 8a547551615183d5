package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The end of one run.
 *
 * @param runId the run, as handed out in {@link TaskAssignment#runId()}
 * @param result how it ended
 * @param message failure message or a short success note, or {@code null}; the master stores at most
 *     its configured length, never more than {@link NodeApi#MAX_MESSAGE_LENGTH} characters
 * @param durationMillis how long the handler ran
 */
public record RunOutcome(
        @Schema(description = "the run, as handed out by poll", example = "1001") long runId,
        @Schema(description = "how it ended", example = "SUCCEEDED") @NotNull RunResult result,
        @Schema(description = "failure message or a short note", example = "sent 12 invoices") String message,
        @Schema(description = "how long the handler ran", example = "35") @PositiveOrZero long durationMillis) {}
