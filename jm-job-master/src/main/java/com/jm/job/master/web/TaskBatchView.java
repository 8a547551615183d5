package com.jm.job.master.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Answer of {@code POST /api/tasks/batch}.
 *
 * @param tasks the tasks created, in the order of the request
 */
public record TaskBatchView(
        @Schema(description = "the tasks created, in the order of the request") List<TaskView> tasks) {}
