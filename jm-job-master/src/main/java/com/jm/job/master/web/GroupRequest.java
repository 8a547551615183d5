package com.jm.job.master.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/groups}.
 *
 * @param name unique group name; nodes join a group by this name
 */
public record GroupRequest(
        @Schema(description = "unique group name; nodes join a group by this name", example = "billing")
                @NotBlank
                @Size(max = 128)
                String name) {}
