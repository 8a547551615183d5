package com.jm.job.master.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/tasks/{id}/trigger} (optional).
 *
 * @param params parameters for this fire only; absent, the fire runs the task's own
 */
public record TriggerRequest(
        @Schema(description = "parameters for this fire only; absent: the task's own", example = "day=2026-12-01")
                @Size(max = TaskRequest.MAX_PARAMS, message = TaskRequest.PARAMS_MESSAGE)
                String params) {}
