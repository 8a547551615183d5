package com.jm.job.master.service;

/**
 * What an operator says about a task when creating or changing it.
 *
 * @param name display name
 * @param beanName job handler that runs it
 * @param cron Spring cron expression (6 fields, seconds first), or {@code null} for a one-shot task
 * @param timeZone zone the cron expression is read in, or {@code null} for UTC
 * @param params parameters handed to the handler, or {@code null}
 * @param retry whether a failed run is retried automatically
 * @param maxRetries how many automatic retries a failure may use
 * @param timeoutSeconds run time limit, or {@code null} for none
 * @param paramsSensitive whether params are stored encrypted and shown masked
 */
public record TaskDefinition(
        String name,
        String beanName,
        String cron,
        String timeZone,
        String params,
        boolean retry,
        int maxRetries,
        Integer timeoutSeconds,
        boolean paramsSensitive) {}
