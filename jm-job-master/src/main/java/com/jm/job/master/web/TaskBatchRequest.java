package com.jm.job.master.web;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /api/tasks/batch}: tasks created together, all or none.
 *
 * @param tasks the tasks, each as {@code POST /api/tasks} takes one; 1 to {@value #MAX_TASKS}
 */
public record TaskBatchRequest(
        @ArraySchema(
                        schema = @Schema(implementation = TaskRequest.class),
                        arraySchema = @Schema(description = "the tasks, each as POST /api/tasks takes one"),
                        minItems = 1,
                        maxItems = MAX_TASKS)
                @NotNull
                @Size(min = 1, max = MAX_TASKS)
                List<@Valid @NotNull TaskRequest> tasks) {

    /** Most tasks one call creates: enough for bulk loads, small enough for one short transaction. */
    public static final int MAX_TASKS = 1_000;
}
