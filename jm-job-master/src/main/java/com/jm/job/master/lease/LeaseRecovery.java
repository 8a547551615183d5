package com.jm.job.master.lease;

import com.jm.job.master.domain.RunState;
import com.jm.job.master.fire.FireCompletion;
import com.jm.job.master.outcome.RunCompletion;
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
 * Ends runs whose node stopped heartbeating: once a lease lapses the run is LOST and its task goes
 * back to pending (automatic retry left) or to error, like a failure. A node that comes back later
 * cannot overwrite this: its run is no longer the task's current one.
 */
@Service
public class LeaseRecovery {

    public static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(LeaseRecovery.class);

    private final LeaseMapper leases;
    private final FireCompletion completion;

    public LeaseRecovery(LeaseMapper leases, FireCompletion completion) {
        this.leases = leases;
        this.completion = completion;
    }

    /** Recovers up to {@link #BATCH} lapsed leases in one transaction; answers how many. */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public int recoverExpired() {
        List<RunningTask> expired = leases.lockExpired(BATCH);
        List<RunCompletion.Ending> endings = new ArrayList<>();
        for (RunningTask task : expired) {
            String message = "lease expired: node " + task.getNodeId() + " stopped heartbeating";
            log.warn("Run {} of task {} lost: {}", task.getRunId(), task.getId(), message);
            endings.add(new RunCompletion.Ending(task, RunState.LOST, null, message));
        }
        completion.complete(endings);
        return expired.size();
    }
}
