package com.jm.job.master.index;

import com.jm.job.master.dispatch.NodeDirectory;
import com.jm.job.master.dispatch.PendingSignals;

/** Events for a single master: delivered straight to this process. */
public class LocalMasterEvents implements MasterEvents {

    private final PendingSignals signals;
    private final NodeDirectory directory;

    public LocalMasterEvents(PendingSignals signals, NodeDirectory directory) {
        this.signals = signals;
        this.directory = directory;
    }

    @Override
    public void pendingWork(long groupId) {
        signals.signal(groupId);
    }

    @Override
    public void nodeChanged(long nodeId) {
        directory.invalidate(nodeId);
    }
}
