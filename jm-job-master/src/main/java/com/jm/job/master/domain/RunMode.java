package com.jm.job.master.domain;

/**
 * How many runs a fire of a task has: {@link #SINGLE} one on any node of the group, or one per shard
 * when the task has more than one; {@link #BROADCAST} one on every enabled, online node of the group
 * that has the task's tags at fire time.
 */
public enum RunMode {
    SINGLE,
    BROADCAST
}
