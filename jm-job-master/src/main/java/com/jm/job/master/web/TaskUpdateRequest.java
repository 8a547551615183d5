package com.jm.job.master.web;

import static com.jm.job.master.web.TaskRequest.BEAN_NAME;
import static com.jm.job.master.web.TaskRequest.BEAN_NAME_MESSAGE;
import static com.jm.job.master.web.TaskRequest.MAX_PARAMS;
import static com.jm.job.master.web.TaskRequest.MAX_RETRIES;
import static com.jm.job.master.web.TaskRequest.MAX_TIMEOUT_SECONDS;

import com.jm.job.master.service.TaskDefinition;
import io.swagger.v3.oas.annotations.media.Schema;
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
 * @param version if given, the update applies only while the task is still at this version
 */
public record TaskUpdateRequest(
        @Schema(description = "display name, any text", example = "send invoices") @NotBlank @Size(max = 128)
                String name,
        @Schema(description = "the job handler: a handler bean name or an @JmJob method name", example = "sendInvoices")
                @NotBlank
                @Size(max = 128)
                @Pattern(regexp = BEAN_NAME, message = BEAN_NAME_MESSAGE)
                String beanName,
        @Schema(
                        description = "Spring cron (six fields, seconds first); absent for a one-shot task",
                        example = "0 0 6 * * *")
                @Size(max = 128)
                String cron,
        @Schema(description = "zone of the cron expression (default UTC)", example = "Europe/Berlin") @Size(max = 64)
                String timeZone,
        @Schema(description = "parameters handed to the handler (free text, often JSON)", example = "day=2026-12-01")
                @Size(max = MAX_PARAMS, message = TaskRequest.PARAMS_MESSAGE)
                String params,
        @Schema(description = "retry a failed run automatically", example = "true") Boolean retry,
        @Schema(description = "automatic retries allowed (default 3 when retry is on, else 0)", example = "3")
                @Min(0)
                @Max(MAX_RETRIES)
                Integer maxRetries,
        @Schema(description = "run time limit in seconds", example = "300") @Min(1) @Max(MAX_TIMEOUT_SECONDS)
                Integer timeoutSeconds,
        @Schema(description = "apply only while the task is still at this version (optimistic lock)", example = "0")
                @PositiveOrZero
                Long version) {

    TaskDefinition toDefinition() {
        return TaskRequest.definition(name, beanName, cron, timeZone, params, retry, maxRetries, timeoutSeconds);
    }
}
