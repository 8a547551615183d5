package com.jm.job.common.protocol;

/** How a run ended, as reported by the node that ran it. */
public enum RunResult {
    SUCCEEDED,
    FAILED,
    CANCELLED,
    TIMED_OUT
}
