package com.jm.job.master.web;

import com.jm.job.master.service.TaskDefinition;
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
 * @param paramsSensitive store params encrypted and show them masked (needs a configured key)
 */
public record TaskRequest(
        @NotBlank @Size(max = 128) String name,
        @NotBlank @Size(max = 128) @Pattern(regexp = BEAN_NAME, message = BEAN_NAME_MESSAGE) String beanName,
        @NotNull @Positive Long groupId,
        @Size(max = 128) String cron,
        @Size(max = 64) String timeZone,
        @Size(max = MAX_PARAMS, message = PARAMS_MESSAGE) String params,
        Boolean retry,
        @Min(0) @Max(MAX_RETRIES) Integer maxRetries,
        @Min(1) @Max(MAX_TIMEOUT_SECONDS) Integer timeoutSeconds,
        Boolean paramsSensitive) {

    static final String BEAN_NAME = "[A-Za-z_$][A-Za-z0-9_$.\\-]*";
    static final String BEAN_NAME_MESSAGE =
            "must be a Spring bean name: a letter, '_' or '$', then letters, digits, '_', '$', '.' or '-'";
    static final int MAX_PARAMS = 65_535;
    static final String PARAMS_MESSAGE = "must be at most 65535 characters";
    static final int MAX_RETRIES = 100;
    static final int MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;
    static final int DEFAULT_MAX_RETRIES = 3;

    TaskDefinition toDefinition() {
        return definition(name, beanName, cron, timeZone, params, retry, maxRetries, timeoutSeconds, paramsSensitive);
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
            Integer timeoutSeconds,
            Boolean paramsSensitive) {
        boolean retrying = Boolean.TRUE.equals(retry);
        int retries = maxRetries != null ? maxRetries : retrying ? DEFAULT_MAX_RETRIES : 0;
        return new TaskDefinition(
                name,
                beanName,
                blankToNull(cron),
                blankToNull(timeZone),
                params,
                retrying,
                retries,
                timeoutSeconds,
                Boolean.TRUE.equals(paramsSensitive));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
