package com.jm.job.master.domain;

/**
 * The state of one execution. Every run ends in one of the states other than RUNNING. A SKIPPED row
 * is not an execution but the record of slots that never ran: they fell due while a fire of the
 * task was still running and its overlap policy left them out (one row per fire that skipped, with
 * no node, no duration and the slots in its message).
 * UNDELIVERED: handed out in a poll answer its node never acknowledged (the answer did not reach
 * it), so it went back to pending without using an attempt.
 */
public enum RunState {
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    CANCELLED,
    LOST,
    UNDELIVERED,
    SKIPPED
}
