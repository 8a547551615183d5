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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /api/tasks/{id}}: the whole definition (absent optional fields are cleared).
 * The group cannot change.
 *
 * @param paramsSensitive store params encrypted and show them masked (needs a configured key)
 * @param version if given, the update applies only while the task is still at this version
 */
public record TaskUpdateRequest(
        @NotBlank @Size(max = 128) String name,
        @NotBlank @Size(max = 128) @Pattern(regexp = BEAN_NAME, message = BEAN_NAME_MESSAGE) String beanName,
        @Size(max = 128) String cron,
        @Size(max = 64) String timeZone,
        @Size(max = MAX_PARAMS, message = TaskRequest.PARAMS_MESSAGE) String params,
        Boolean retry,
        @Min(0) @Max(MAX_RETRIES) Integer maxRetries,
        @Min(1) @Max(MAX_TIMEOUT_SECONDS) Integer timeoutSeconds,
        Boolean paramsSensitive,
        @PositiveOrZero Long version) {

    TaskDefinition toDefinition() {
        return TaskRequest.definition(
                name, beanName, cron, timeZone, params, retry, maxRetries, timeoutSeconds, paramsSensitive);
    }
}
