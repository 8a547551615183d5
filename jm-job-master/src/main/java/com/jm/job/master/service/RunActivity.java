package com.jm.job.master.service;

import com.jm.job.master.store.FailedRun;
import com.jm.job.master.store.RunMapper;
import com.jm.job.master.store.RunMinute;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What ran lately, over every group: runs per minute and failures in the last hour, by the database clock. */
@Service
public class RunActivity {

    /** Minutes the activity covers. */
    public static final int MINUTES = 60;

    private final RunMapper runs;

    public RunActivity(RunMapper runs) {
        this.runs = runs;
    }

    /** Runs ended per minute of the last hour, oldest minute first (index {@link #MINUTES} − 1 is now). */
    @Transactional(readOnly = true)
    public List<Minute> lastHour() {
        long[] total = new long[MINUTES];
        long[] failed = new long[MINUTES];
        for (RunMinute m : runs.endedPerMinute()) {
            // A run that ended just before NOW(3) was read can sit at exactly 60 minutes ago.
            int ago = Math.min(Math.max(m.getMinutesAgo(), 0), MINUTES - 1);
            total[ago] += m.getTotal();
            failed[ago] += m.getFailed();
        }
        Minute[] minutes = new Minute[MINUTES];
        for (int ago = 0; ago < MINUTES; ago++) {
            minutes[MINUTES - 1 - ago] = new Minute(ago, total[ago], failed[ago]);
        }
        return List.of(minutes);
    }

    /** The latest failed runs of the last hour, newest first. */
    @Transactional(readOnly = true)
    public List<FailedRun> latestFailures(int limit) {
        return runs.latestFailures(limit);
    }

    /**
     * One minute of the last hour.
     *
     * @param minutesAgo 0 for the current minute
     * @param runs runs that ended in it
     * @param failed of those, the failed ones
     */
    public record Minute(int minutesAgo, long runs, long failed) {}
}
