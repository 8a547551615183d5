package com.jm.job.master.events;

/**
 * Told when a node changed on any master (registered, disabled, enabled, deregistered) or its
 * group was paused or resumed, so that what this master cached about the node is dropped. The node package implements it; events only
 * know the interface, which keeps the arrow from node to events one way.
 */
public interface NodeChangeListener {

    void nodeChanged(long nodeId);

    /** The group was paused or resumed: what is cached about any of its nodes is stale. */
    void groupChanged(long groupId);
}
