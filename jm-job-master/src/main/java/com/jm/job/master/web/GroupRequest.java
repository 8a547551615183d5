package com.jm.job.master.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/groups}.
 *
 * @param name unique group name; nodes join a group by this name
 */
public record GroupRequest(@NotBlank @Size(max = 128) String name) {}
