package com.jm.job.master.outcome;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.cron.Recurrence;
import com.jm.job.master.cron.Schedules;
import com.jm.job.master.cron.SlotSpan;
import com.jm.job.master.domain.OverlapPolicy;
import com.jm.job.master.domain.Trigger;
import com.jm.job.master.store.RunningTask;
import com.jm.job.master.store.SkippedRun;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * The next slot of a cron or fixed-rate task whose fire has just ended, and the slots it leaves
 * out. Slots that fell due while the fire was in progress (from the time it was due to now, by the
 * database clock read with the locked row) follow the task's overlap policy:
 *
 * <ul>
 *   <li>{@link OverlapPolicy#SKIP}: none of them runs; the next fire is the first slot after now.
 *   <li>{@link OverlapPolicy#QUEUE}: the latest of them runs at once (it is due, so the cron loop
 *       fires it), the others do not; later slots follow the schedule.
 * </ul>
 *
 * <p>Slots left out are recorded as one {@link SkippedRun} per fire, not one per slot: a per-second
 * task whose run takes an hour would otherwise write 3,600 rows in one finish.
 *
 * <p>The misfire rule comes first: a fire that started more than {@code cron-misfire-threshold}
 * after it was due (the system was down, the group paused, no node free) stands for every slot
 * missed until it started, as before overlap policies existed, so after downtime a task fires once.
 * Those slots are neither queued nor recorded (the run's own lateness shows the gap); only the
 * slots that fell due while it then ran follow the policy. A fire is measured from its own slot
 * ({@code fire_slot}, kept through its retries) and from when its first run started ({@code
 * fire_started_at}, the database clock at its claim), so neither a retry's back-off nor a finish
 * report that arrived late (a master restart, a partition) makes it look like a misfire, and a
 * long run is never taken for downtime.
 */
@Component
class OverlapRule {

    private final Schedules schedules;
    private final JmJobMasterProperties properties;

    OverlapRule(Schedules schedules, JmJobMasterProperties properties) {
        this.schedules = schedules;
        this.properties = properties;
    }

    /**
     * Where the schedule goes on.
     *
     * @param fireAt the next fire time (UTC; due already when a queued slot waits), or null when
     *     the task has no slots
     * @param skipped the row recording the slots left out, or null when none was
     */
    record Next(LocalDateTime fireAt, SkippedRun skipped) {}

    /**
     * When the fire started: its first run's start by the database clock when the row has it (so a
     * finish report that arrives late, or a retry, does not make the fire look late); else now less
     * the run time the node reported; else now.
     */
    private static Instant started(RunningTask task, Instant due, Instant now, Long durationMs) {
        if (task.getFireStartedAt() != null) {
            return max(due, utc(task.getFireStartedAt()));
        }
        return durationMs == null ? now : max(due, now.minusMillis(durationMs));
    }

    /**
     * @param task the locked task whose fire ended
     * @param durationMs how long its run took by the node's report, or null when unknown (then the
     *     run is taken to have started just now, which was the misfire rule's measure before)
     */
    Next next(RunningTask task, Long durationMs) {
        Recurrence recurrence = task.recurrence();
        Instant now = utc(task.getDbNow());
        // The fire's own slot, not the task's due time: that moves to each retry of the fire.
        LocalDateTime dueAt = task.getFireSlot() != null ? task.getFireSlot() : task.getNextFireTime();
        if (dueAt == null || utc(dueAt).isAfter(now)) {
            return new Next(schedules.nextSlot(recurrence, now), null);
        }
        Instant due = utc(dueAt);
        Instant started = started(task, due, now, durationMs);
        boolean misfired = Duration.between(due, started).compareTo(properties.getCronMisfireThreshold()) > 0;
        SlotSpan passed = schedules.slotsBetween(recurrence, misfired ? started : due, now);
        if (passed.isEmpty()) {
            return new Next(schedules.nextSlot(recurrence, now), null);
        }
        OverlapPolicy policy = task.getOverlapPolicy() == null ? OverlapPolicy.SKIP : task.getOverlapPolicy();
        return switch (policy) {
            case SKIP ->
                new Next(
                        schedules.nextSlot(recurrence, now),
                        skipped(task, passed.count(), passed.more(), passed.first(), passed.last(), "overlap SKIP"));
            // A PARALLEL task only ends a fire here when it had reached its maximum of fires at
            // once and waited for this one (fire/FireStarter); the slots due meanwhile queue.
            case QUEUE, PARALLEL ->
                new Next(
                        passed.last(),
                        passed.count() == 1
                                ? null
                                : skipped(
                                        task,
                                        passed.count() - 1,
                                        passed.more(),
                                        passed.first(),
                                        passed.beforeLast(),
                                        "overlap " + policy + ": the slot of " + utc(passed.last()) + " runs next"));
        };
    }

    private static SkippedRun skipped(
            RunningTask task, long count, boolean more, LocalDateTime first, LocalDateTime last, String policy) {
        String slots = (more ? "more than " : "") + count + (count == 1 && !more ? " slot" : " slots");
        String which = count == 1 && !more ? utc(first).toString() : utc(first) + " … " + shortForm(first, last);
        return new SkippedRun(
                task.getId(),
                task.getCron() != null ? Trigger.CRON : Trigger.SCHEDULE,
                first,
                slots + " skipped (" + which + ") while run " + task.getRunId() + " was running; " + policy);
    }

    /** {@code last} without its date when it is the same as {@code first}'s, as people write ranges. */
    private static String shortForm(LocalDateTime first, LocalDateTime last) {
        String text = utc(last).toString();
        return first.toLocalDate().equals(last.toLocalDate()) ? text.substring(text.indexOf('T') + 1) : text;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant utc(LocalDateTime time) {
        return time.toInstant(ZoneOffset.UTC);
    }
}
