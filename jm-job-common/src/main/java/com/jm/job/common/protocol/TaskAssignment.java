package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One claimed execution handed to a node.
 *
 * @param runId the execution's id; every report about it names this id
 * @param taskId the task being run
 * @param taskName the task's name, for logs
 * @param beanName the job handler to invoke
 * @param params the task's parameters as stored (free text, often JSON), or {@code null}
 * @param attempt attempt number of this execution, starting at 1
 * @param timeoutSeconds the run's time limit, or {@code null} for none
 */
public record TaskAssignment(
        @Schema(description = "the execution's id; every report names it", example = "1001") long runId,
        @Schema(description = "the task being run", example = "42") long taskId,
        @Schema(description = "the task's name", example = "send invoices") String taskName,
        @Schema(description = "the job handler to invoke", example = "sendInvoices") String beanName,
        @Schema(description = "the task's parameters as stored", example = "{\"day\":\"2026-12-01\"}") String params,
        @Schema(description = "attempt number, from 1", example = "1") int attempt,
        @Schema(description = "time limit in seconds, or null", example = "300") Integer timeoutSeconds) {}
