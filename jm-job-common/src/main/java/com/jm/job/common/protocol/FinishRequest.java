package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A batch of finished runs. Nodes send outcomes in batches and resend until acknowledged; the
 * master applies each at most once (idempotent by run id).
 *
 * @param nodeId the reporting node
 * @param outcomes finished runs
 */
public record FinishRequest(
        @Schema(description = "the reporting node", example = "7") long nodeId,
        @Schema(description = "finished runs, at most 1000") @NotNull @Size(max = NodeApi.MAX_FINISH_OUTCOMES)
                List<@Valid @NotNull RunOutcome> outcomes) {}
