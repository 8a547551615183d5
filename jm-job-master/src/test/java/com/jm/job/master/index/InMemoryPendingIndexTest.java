package com.jm.job.master.index;

/** The in-process index (embedded default) against the index contract. */
class InMemoryPendingIndexTest extends PendingIndexContract {

    @Override
    PendingIndex index() {
        return new InMemoryPendingIndex();
    }
}
