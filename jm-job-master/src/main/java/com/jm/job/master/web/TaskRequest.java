package com.jm.job.master.web;

import com.jm.job.master.service.TaskDefinition;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/tasks}.
 *
 * @param name display name, any text
 * @param beanName the job handler to run: a handler bean's name or an annotated method's name
 * @param groupId group whose nodes run the task
 * @param cron Spring cron expression (six fields, seconds first); absent for a one-shot task
 * @param timeZone zone of the cron expression (default UTC)
 * @param params parameters handed to the handler
 * @param retry retry a failed run automatically
 * @param maxRetries automatic retries allowed (default 3 when retry is on, else 0)
 * @param timeoutSeconds run time limit
 */
public record TaskRequest(
        @Schema(description = "display name, any text", example = "send invoices") @NotBlank @Size(max = 128)
                String name,
        @Schema(description = "the job handler: a handler bean name or an @JmJob method name", example = "sendInvoices")
                @NotBlank
                @Size(max = 128)
                @Pattern(regexp = BEAN_NAME, message = BEAN_NAME_MESSAGE)
                String beanName,
        @Schema(description = "group whose nodes run the task", example = "1") @NotNull @Positive Long groupId,
        @Schema(
                        description = "Spring cron (six fields, seconds first); absent for a one-shot task",
                        example = "0 0 6 * * *")
                @Size(max = 128)
                String cron,
        @Schema(description = "zone of the cron expression (default UTC)", example = "Europe/Berlin") @Size(max = 64)
                String timeZone,
        @Schema(description = "parameters handed to the handler (free text, often JSON)", example = "day=2026-12-01")
                @Size(max = MAX_PARAMS, message = PARAMS_MESSAGE)
                String params,
        @Schema(description = "retry a failed run automatically", example = "true") Boolean retry,
        @Schema(description = "automatic retries allowed (default 3 when retry is on, else 0)", example = "3")
                @Min(0)
                @Max(MAX_RETRIES)
                Integer maxRetries,
        @Schema(description = "run time limit in seconds", example = "300") @Min(1) @Max(MAX_TIMEOUT_SECONDS)
                Integer timeoutSeconds) {

    static final String BEAN_NAME = "[A-Za-z_$][A-Za-z0-9_$.\\-]*";
    static final String BEAN_NAME_MESSAGE =
            "must be a Spring bean name: a letter, '_' or '$', then letters, digits, '_', '$', '.' or '-'";
    static final int MAX_PARAMS = 65_535;
    static final String PARAMS_MESSAGE = "must be at most 65535 characters";
    static final int MAX_RETRIES = 100;
    static final int MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;
    static final int DEFAULT_MAX_RETRIES = 3;

    TaskDefinition toDefinition() {
        return definition(name, beanName, cron, timeZone, params, retry, maxRetries, timeoutSeconds);
    }

    /** Fills the defaults both create and update apply. */
    static TaskDefinition definition(
            String name,
            String beanName,
            String cron,
            String timeZone,
            String params,
            Boolean retry,
            Integer maxRetries,
            Integer timeoutSeconds) {
        boolean retrying = Boolean.TRUE.equals(retry);
        int retries = maxRetries != null ? maxRetries : retrying ? DEFAULT_MAX_RETRIES : 0;
        return new TaskDefinition(
                name, beanName, blankToNull(cron), blankToNull(timeZone), params, retrying, retries, timeoutSeconds);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
