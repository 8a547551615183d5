package com.jm.job.master.events;

/**
 * What one master tells every master (itself included): work became due in a group (wake its held
 * polls), a node changed (forget what was cached about it), or a group was paused or resumed (forget
 * what was cached about its nodes, and wake its polls). In-process with one master; Redis pub/sub
 * with several.
 */
public interface MasterEvents {

    /** Work became due in the group, how many tasks not known: every poll held for it looks again. */
    void pendingWork(long groupId);

    /** {@code tasks} tasks became due in the group: as many polls held for it look again. */
    void pendingWork(long groupId, int tasks);

    void nodeChanged(long nodeId);

    void groupChanged(long groupId);
}
