package com.jm.job.master.domain;

/** Where the delivery of one alarm event stands. */
public enum DeliveryState {
    /**
     * Due to be sent at its next attempt time; with no attempt yet, the silence window is decided
     * when a dispatcher claims it.
     */
    PENDING,
    /** Claimed by one master, which is sending it. */
    SENDING,
    DELIVERED,
    /** Every attempt failed. */
    FAILED,
    /** Not sent: the rule had sent for the same task or group within its silence window. */
    SILENCED
}
