package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Run log lines a node ships in one call. Lines are best effort: a node drops (and counts) what it
 * cannot send, and never holds up a run or its outcome for them.
 *
 * @param nodeId the node that ran the runs
 * @param runs per run, its next lines
 */
public record LogsRequest(
        @Schema(description = "the node that ran the runs", example = "7") long nodeId,
        @Schema(
                        description =
                                "per run, its next lines; at most 1000 runs of at most 1000 lines each, within the request size limit")
                @NotNull
                @Size(max = NodeApi.MAX_LOG_LINES)
                List<@Valid @NotNull RunLogBatch> runs) {}
