package com.jm.job.master.web;

import static com.jm.job.master.web.TaskRequest.BEAN_NAME;
import static com.jm.job.master.web.TaskRequest.BEAN_NAME_MESSAGE;
import static com.jm.job.master.web.TaskRequest.MAX_PARAMS;
import static com.jm.job.master.web.TaskRequest.MAX_RETRIES;
import static com.jm.job.master.web.TaskRequest.MAX_TIMEOUT_SECONDS;
import static com.jm.job.master.web.TaskRequest.PRIORITY_MESSAGE;

import com.jm.job.master.domain.TaskPriority;
import com.jm.job.master.service.TaskDefinition;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /api/tasks/{id}}: the whole definition (absent optional fields are cleared).
 * The group cannot change.
 *
 * @param priority 0 to 9; absent: 0
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
        @Min(value = TaskPriority.MIN, message = PRIORITY_MESSAGE)
                @Max(value = TaskPriority.MAX, message = PRIORITY_MESSAGE)
                Integer priority,
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
                priority);
    }
}
