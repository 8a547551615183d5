package com.jm.job.master.domain;

import java.util.Arrays;

/** A task's place in the state machine; the database keeps the seed's integer codes. */
public enum TaskStatus {
    /** Idle: waiting for its next cron fire time or a manual retry. */
    NOT_STARTED(0),
    /** Due: in the execution queue, claimable once its next fire time has come. */
    PENDING(1),
    /** Claimed by one node and running under a lease. */
    RUNNING(2),
    /** The last run failed and no automatic retry is left. */
    ERROR(3);

    private final int code;

    TaskStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static TaskStatus ofCode(int code) {
        return Arrays.stream(values())
                .filter(s -> s.code == code)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no task status with code " + code));
    }
}
