package com.jm.job.master.web;

import static com.jm.job.master.web.TaskRequest.BEAN_NAME;
import static com.jm.job.master.web.TaskRequest.BEAN_NAME_MESSAGE;
import static com.jm.job.master.web.TaskRequest.MAX_PARAMS;
import static com.jm.job.master.web.TaskRequest.MAX_RETRIES;
import static com.jm.job.master.web.TaskRequest.MAX_TIMEOUT_SECONDS;

import com.jm.job.master.service.TaskDefinition;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code PUT /api/tasks/{id}}: the whole definition (absent optional fields are cleared).
 * The group cannot change.
 *
 * @param version if given, the update applies only while the task is still at this version
 */
public record TaskUpdateRequest(
        @NotBlank @Size(max = 128) String name,
        @NotBlank @Size(max = 128) @Pattern(regexp = BEAN_NAME, message = BEAN_NAME_MESSAGE) String beanName,
        @Size(max = 128) String cron,
        @Size(max = 64) String timeZone,
        @Size(max = 64) String fixedRate,
        @Size(max = 64) String fixedDelay,
        @Size(max = 64) String runAt,
        @Size(max = MAX_PARAMS, message = TaskRequest.PARAMS_MESSAGE) String params,
        Boolean retry,
        @Min(0) @Max(MAX_RETRIES) Integer maxRetries,
        @Min(1) @Max(MAX_TIMEOUT_SECONDS) Integer timeoutSeconds,
        @Size(max = TaskRequest.MAX_CHILDREN) List<@NotNull @Positive Long> childTaskIds,
        @PositiveOrZero Long version) {

    TaskDefinition toDefinition() {
        return TaskRequest.definition(
                name,
                beanName,
                new TaskRequest.Schedule(cron, timeZone, fixedRate, fixedDelay, runAt),
                params,
                retry,
                maxRetries,
                timeoutSeconds,
                childTaskIds);
    }
}
