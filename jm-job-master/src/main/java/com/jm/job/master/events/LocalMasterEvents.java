package com.jm.job.master.events;

import java.util.List;

/** Events for a single master: delivered straight to this process. */
public class LocalMasterEvents implements MasterEvents {

    private final PendingSignals signals;
    private final List<NodeChangeListener> nodeListeners;

    public LocalMasterEvents(PendingSignals signals, List<NodeChangeListener> nodeListeners) {
        this.signals = signals;
        this.nodeListeners = List.copyOf(nodeListeners);
    }

    @Override
    public void pendingWork(long groupId) {
        signals.signal(groupId);
    }

    @Override
    public void pendingWork(long groupId, int tasks) {
        signals.signal(groupId, tasks);
    }

    /** Work became due in a group this master cannot tell (a message it cannot read): all look again. */
    void pendingWorkSomewhere() {
        signals.signalAll();
    }

    @Override
    public void nodeChanged(long nodeId) {
        nodeListeners.forEach(listener -> listener.nodeChanged(nodeId));
    }

    @Override
    public void groupChanged(long groupId) {
        nodeListeners.forEach(listener -> listener.groupChanged(groupId));
        signals.signal(groupId); // a resumed group's held polls look again at once
    }
}
