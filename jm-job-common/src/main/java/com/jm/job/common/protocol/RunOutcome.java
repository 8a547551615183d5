package com.jm.job.common.protocol;

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
public record RunOutcome(long runId, @NotNull RunResult result, String message, @PositiveOrZero long durationMillis) {}
