package com.jm.job.master.store;

/**
 * A task a claim locked and the run row the claim inserted for it.
 *
 * @param taskId the task
 * @param runId its new run
 */
public record ClaimedRun(long taskId, long runId) {}
