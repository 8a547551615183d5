package com.jm.job.common.protocol;

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
        long runId,
        long taskId,
        String taskName,
        String beanName,
        String params,
        int attempt,
        Integer timeoutSeconds) {}
