package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;

/**
 * One line a handler wrote while its run was executing.
 *
 * @param at when it was written, by the node's clock (for reading only: nothing is decided by it)
 * @param level how important it is
 * @param text the line, any text: the master cuts it at {@link NodeApi#MAX_LOG_LINE_LENGTH}
 *     characters and stores it as it is otherwise (see {@link RunLogText#clean})
 * @param seq the line's number within its run, from 0, given by the node as the line was written
 *     (lines it dropped use up their numbers too), so that a batch sent again is recognised;
 *     {@code null} from nodes that do not number lines (see {@link RunLogBatch#nextSeq})
 */
public record LogLine(
        @Schema(
                        description = "when the node's handler wrote it, by the node's clock",
                        example = "2026-12-01T10:00:00.123Z")
                @NotNull
                Instant at,
        @Schema(description = "how important it is", example = "INFO") @NotNull LogLevel level,
        @Schema(description = "the line; cut at 8000 characters", example = "sent 12 invoices") @NotNull String text,
        @Schema(
                        description =
                                "the line's number within its run, from 0 (dropped lines use up theirs); with nextSeq on the batch, or absent on every line of it",
                        example = "41")
                @PositiveOrZero
                Long seq) {

    /** A line without a number, as nodes before numbering send it. */
    public LogLine(Instant at, LogLevel level, String text) {
        this(at, level, text, null);
    }
}
