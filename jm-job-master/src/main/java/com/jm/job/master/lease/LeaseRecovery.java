package com.jm.job.master.lease;

import com.jm.job.master.domain.RunState;
import com.jm.job.master.fire.FireCompletion;
import com.jm.job.master.index.Lane;
import com.jm.job.master.index.PendingChanges;
import com.jm.job.master.metrics.MasterMetrics;
import com.jm.job.master.outcome.RunCompletion;
import com.jm.job.master.store.Batch;
import com.jm.job.master.store.FinishMapper;
import com.jm.job.master.store.FinishedRun;
import com.jm.job.master.store.LeaseMapper;
import com.jm.job.master.store.RunningTask;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ends runs whose lease lapsed. A run its node acknowledged is LOST (the node stopped
 * heartbeating) and its task goes back to pending (automatic retry left) or to error, like a
 * failure. A run its node never acknowledged was never delivered (the poll answer did not reach
 * the node): UNDELIVERED, and its task is pending again at once without using an attempt; the
 * node, had it got the run after all, stopped it by its own clock before this delivery lease
 * lapsed. A node that comes back later cannot overwrite either: its run is no longer the task's
 * current one.
 */
@Service
public class LeaseRecovery {

    public static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(LeaseRecovery.class);

    private final LeaseMapper leases;
    private final FinishMapper finishes;
    private final FireCompletion completion;
    private final PendingChanges changes;
    private final MasterMetrics metrics;

    public LeaseRecovery(
            LeaseMapper leases,
            FinishMapper finishes,
            FireCompletion completion,
            PendingChanges changes,
            MasterMetrics metrics) {
        this.metrics = metrics;
        this.leases = leases;
        this.finishes = finishes;
        this.completion = completion;
        this.changes = changes;
    }

    /** Recovers up to {@link #BATCH} lapsed leases in one transaction; answers how many. */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public int recoverExpired() {
        return recoverExpired(DatabaseContact.Trust.ALL);
    }

    /**
     * The same, limited to the lapses that {@code trust} allows: after a database outage or a
     * master start, only those whose nodes had a whole lease of contact to renew them.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public int recoverExpired(DatabaseContact.Trust trust) {
        List<RunningTask> expired = leases.lockExpired(BATCH, trust.deliveriesFrom());
        List<RunCompletion.Ending> endings = new ArrayList<>();
        List<RunningTask> undelivered = new ArrayList<>();
        for (RunningTask task : expired) {
            if (!task.isDelivered()) {
                undelivered.add(task);
                continue;
            }
            String message = "lease expired: node " + task.getNodeId() + " stopped heartbeating";
            log.warn("Run {} of task {} lost: {}", task.getRunId(), task.getId(), message);
            endings.add(new RunCompletion.Ending(task, RunState.LOST, null, message));
        }
        completion.complete(endings);
        redeliver(undelivered);
        metrics.ended(expired.stream()
                .map(t -> new MasterMetrics.End(
                        t.getGroupId(),
                        t.isDelivered() ? RunState.LOST : RunState.UNDELIVERED,
                        t.getPendingCause(),
                        null))
                .toList());
        return expired.size();
    }

    private void redeliver(List<RunningTask> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        List<FinishedRun> runs = new ArrayList<>();
        for (RunningTask task : tasks) {
            String message = "not acknowledged by node " + task.getNodeId()
                    + " within the delivery lease: the poll answer did not reach it; pending again, no attempt used";
            log.warn("Run {} of task {} undelivered: {}", task.getRunId(), task.getId(), message);
            runs.add(new FinishedRun(task.getRunId(), RunState.UNDELIVERED, 0L, message));
            changes.pending(
                    Lane.of(task.getGroupId(), task.getTargetNodeId(), task.getTags()),
                    task.getId(),
                    task.getPriority(),
                    task.getDbNow());
        }
        finishes.endRuns(Batch.of(runs));
        leases.redeliver(tasks.stream().map(RunningTask::getId).toList());
    }
}
