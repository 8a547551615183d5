package com.jm.job.master.fire;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.store.FireMapper;
import com.jm.job.master.store.RunningTask;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ends broadcast runs that wait for a node that is not coming: the fire's node went offline, was
 * disabled or stopped before it took its run, or did not come back within the retry window after
 * its run was lost. Each gets a LOST run and its unit ends in error, so the fire can end (FAILED)
 * instead of waiting for ever. Part of the lease loop, like lapsed leases.
 */
@Service
public class StrandedUnits {

    public static final int BATCH = 200;
    static final String MESSAGE = "its node went offline, was disabled or stopped before it took this broadcast run";

    private final FireMapper fires;
    private final FireCompletion completion;
    private final long offlineAfterMs;

    public StrandedUnits(FireMapper fires, FireCompletion completion, JmJobMasterProperties properties) {
        this.fires = fires;
        this.completion = completion;
        this.offlineAfterMs = properties.getNodeOfflineAfter().toMillis();
    }

    /** Ends up to {@link #BATCH} stranded runs in one transaction; answers how many it ended. */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public int sweep() {
        List<Long> candidates = fires.strandedUnits(offlineAfterMs, BATCH);
        if (candidates.isEmpty()) {
            return 0;
        }
        List<RunningTask> locked = fires.lockStranded(candidates);
        if (!locked.isEmpty()) {
            List<Long> ids = locked.stream().map(RunningTask::getId).toList();
            fires.insertStrandedRuns(ids, MESSAGE);
            fires.failStranded(ids, MESSAGE);
            completion.endFinished(locked.stream()
                    .filter(unit -> unit.getUnitOf() != null)
                    .map(unit -> new FireCompletion.Fire(unit.getUnitOf(), unit.getFireRunId()))
                    .distinct()
                    .toList());
        }
        // Those another transaction holds are left for the next pass, not retried at once.
        return locked.size();
    }
}
