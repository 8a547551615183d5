package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The next lines of one run, in the order they were written.
 *
 * <p>A numbered batch ({@code nextSeq} set, every line with its {@link LogLine#seq}) can be sent
 * again safely: the master keeps only lines it has not seen, so a batch stored once whose answer
 * was lost is not stored twice, and it counts the numbers missing before {@code nextSeq} as lines
 * the node dropped (its {@code dropped} is then not used). An unnumbered batch is appended as it
 * comes, with {@code dropped} as the count of lines dropped before it.
 *
 * @param runId the run, as handed out in {@link TaskAssignment#runId()}
 * @param lines its lines since the previous batch
 * @param dropped how many lines of this run the node dropped since the previous batch (its buffer
 *     was full, or the master was away too long); the master stores a marker line saying so
 * @param nextSeq the number the run's next line after this batch will get: greater than every
 *     line's {@code seq}; {@code null} for a batch without numbers
 */
public record RunLogBatch(
        @Schema(description = "the run, as handed out by poll", example = "1001") long runId,
        @Schema(description = "its lines since the previous batch, oldest first")
                @NotNull
                @Size(max = NodeApi.MAX_LOG_LINES)
                List<@Valid @NotNull LogLine> lines,
        @Schema(
                        description =
                                "lines of this run the node dropped since the previous batch; not used when nextSeq is set (the gaps in the numbers count)",
                        example = "0")
                @PositiveOrZero
                long dropped,
        @Schema(
                        description =
                                "the number the run's next line after this batch will get, above every line's seq; set only when the lines are numbered",
                        example = "42")
                @PositiveOrZero
                Long nextSeq) {

    /** A batch without numbers, as nodes before numbering send it. */
    public RunLogBatch(long runId, List<LogLine> lines, long dropped) {
        this(runId, lines, dropped, null);
    }
}
