package com.jm.job.master.events;

/**
 * What one master tells every master (itself included): work became due in a group (wake its held
 * polls), a node changed (forget what was cached about it), or a group was paused or resumed (forget
 * what was cached about its nodes, and wake its polls). In-process with one master; Redis pub/sub
 * with several.
 */
public interface MasterEvents {

    void pendingWork(long groupId);

    void nodeChanged(long nodeId);

    void groupChanged(long groupId);
}
