package com.jm.job.master.domain;

/**
 * What a recurring task does with a slot that falls due while a fire of it is still running:
 * {@link #SKIP} it (recorded as a skipped run), {@link #QUEUE} it (at most one fire waits and starts
 * when the running one ends), or run it in {@link #PARALLEL} (up to the task's maximum of
 * concurrent fires).
 */
public enum OverlapPolicy {
    SKIP,
    QUEUE,
    PARALLEL
}
