package com.jm.job.master.domain;

/**
 * The state of one execution. Every run ends in one of the states other than RUNNING. UNDELIVERED:
 * handed out in a poll answer its node never acknowledged (the answer did not reach it), so it went
 * back to pending without using an attempt.
 */
public enum RunState {
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    CANCELLED,
    LOST,
    UNDELIVERED
}
