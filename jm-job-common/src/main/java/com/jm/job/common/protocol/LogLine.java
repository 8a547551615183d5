package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * One line a handler wrote while its run was executing.
 *
 * @param at when it was written, by the node's clock (for reading only: nothing is decided by it)
 * @param level how important it is
 * @param text the line, any text: the master cuts it at {@link NodeApi#MAX_LOG_LINE_LENGTH}
 *     characters and stores it as it is otherwise (see {@link RunLogText#clean})
 */
public record LogLine(
        @Schema(
                        description = "when the node's handler wrote it, by the node's clock",
                        example = "2026-12-01T10:00:00.123Z")
                @NotNull
                Instant at,
        @Schema(description = "how important it is", example = "INFO") @NotNull LogLevel level,
        @Schema(description = "the line; cut at 8000 characters", example = "sent 12 invoices") @NotNull String text) {}
