package com.jm.job.master.store;

import com.jm.job.master.domain.RunState;

/**
 * A run's end as it is written to its row.
 *
 * @param runId the run
 * @param state its terminal state
 * @param durationMs how long the handler ran
 * @param message failure message or note, already cut to length
 */
public record FinishedRun(long runId, RunState state, long durationMs, String message) {}
