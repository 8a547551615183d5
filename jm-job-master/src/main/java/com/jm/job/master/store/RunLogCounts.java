package com.jm.job.master.store;

/**
 * What one call adds to a run's log counters ({@code jm_task_run.log_*}).
 *
 * @param runId the run
 * @param lines lines stored, markers included
 * @param bytes their UTF-8 text
 * @param dropped lines the node or the cap dropped
 * @param capped whether the run's log is at its cap now
 * @param nodeSeq the node's number for the run's next line, or null to leave it as it is
 */
public record RunLogCounts(long runId, int lines, long bytes, long dropped, boolean capped, Long nodeSeq) {}
