package com.jm.job.master.store;

/**
 * A child to fire because a run of its parent succeeded.
 *
 * @param childId the child task
 * @param parentRunId the parent's run, recorded on the child's run
 */
public record ChildFire(long childId, long parentRunId) {}
