package com.jm.job.master.domain;

/** The state of one execution. Every run ends in one of the states other than RUNNING. */
public enum RunState {
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    CANCELLED,
    LOST
}
