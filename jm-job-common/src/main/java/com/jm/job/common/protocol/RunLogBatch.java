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
 * @param runId the run, as handed out in {@link TaskAssignment#runId()}
 * @param lines its lines since the previous batch
 * @param dropped how many lines of this run the node dropped since the previous batch (its buffer
 *     was full, or the master was away too long); the master stores a marker line saying so
 */
public record RunLogBatch(
        @Schema(description = "the run, as handed out by poll", example = "1001") long runId,
        @Schema(description = "its lines since the previous batch, oldest first")
                @NotNull
                @Size(max = NodeApi.MAX_LOG_LINES)
                List<@Valid @NotNull LogLine> lines,
        @Schema(description = "lines of this run the node dropped since the previous batch", example = "0")
                @PositiveOrZero
                long dropped) {}
