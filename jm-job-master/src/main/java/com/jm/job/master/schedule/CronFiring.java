package com.jm.job.master.schedule;

import com.jm.job.master.index.Lane;
import com.jm.job.master.index.PendingChanges;
import com.jm.job.master.store.FiredTask;
import com.jm.job.master.store.ScheduleMapper;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves cron tasks to pending when their slot comes. Not a periodic scan: the loop sleeps until the
 * earliest slot (by the database clock) and is woken when a write sets an earlier one. Every master
 * runs it; SKIP LOCKED and the status condition let exactly one of them fire a slot.
 */
@Service
public class CronFiring {

    static final int BATCH = 500;
    /** Longest sleep with nothing scheduled, so a slot set on another master is seen in time. */
    static final Duration IDLE = Duration.ofSeconds(5);

    private final ScheduleMapper schedule;
    private final PendingChanges changes;

    public CronFiring(ScheduleMapper schedule, PendingChanges changes) {
        this.schedule = schedule;
        this.changes = changes;
    }

    /** How long until the next slot, by the database clock; at most {@link #IDLE}. */
    public Duration untilNextSlot() {
        Long micros = schedule.microsUntilNextCron();
        if (micros == null) {
            return IDLE;
        }
        Duration next = Duration.ofNanos(Math.max(micros, 1000) * 1000);
        return next.compareTo(IDLE) < 0 ? next : IDLE;
    }

    /** Fires up to {@link #BATCH} due slots in one transaction; answers how many. */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public int fireDue() {
        List<FiredTask> due = schedule.lockDueCron(BATCH);
        if (due.isEmpty()) {
            return 0;
        }
        schedule.fire(due);
        due.forEach(t -> changes.pending(
                Lane.of(t.getGroupId(), null, t.getTags()), t.getId(), t.getPriority(), t.getNextFireTime()));
        return due.size();
    }
}
