package com.jm.job.master.store;

import com.jm.job.master.domain.RunState;

/**
 * A run's end as it is written to its row.
 *
 * @param runId the run
 * @param state its terminal state
 * @param durationMs how long the handler ran, or null to take the time since the run started
 * @param message failure message or note, already cut to length
 */
public record FinishedRun(long runId, RunState state, Long durationMs, String message) {}
