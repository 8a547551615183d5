package com.jm.job.master.domain;

/** What an alarm rule can be told about. */
public enum AlarmEvent {
    /** A run ended FAILED (its task may still retry). */
    RUN_FAILED,
    /** A task went to ERROR: its last run failed and no automatic retry is left. */
    TASK_ERROR,
    /** A run's lease lapsed: its node stopped heartbeating. */
    RUN_LOST,
    /** A run went over its time limit. */
    RUN_TIMED_OUT,
    /** A run started more than the rule's {@code lateAfterMs} after the time it was due. */
    FIRE_LATE,
    /** A group has had no node online for the rule's {@code noNodeForMs}. */
    NO_NODE;

    /**
     * What a rule's silence window counts this event under: its task or group and the event kind,
     * so a burst of one kind (a flapping task's failures) does not hold back another (its ERROR).
     */
    public String subject(String scope, long id) {
        return scope + ":" + id + ":" + name();
    }
}
