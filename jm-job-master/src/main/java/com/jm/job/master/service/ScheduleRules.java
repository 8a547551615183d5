package com.jm.job.master.service;

import com.jm.job.master.clock.DatabaseClock;
import com.jm.job.master.cron.CronSchedule;
import com.jm.job.master.cron.Recurrence;
import com.jm.job.master.cron.Schedules;
import com.jm.job.master.domain.CronFlavour;
import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.errors.InvalidFieldException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * The rules of a task's schedule: at most one of cron, fixed rate and fixed delay; {@code runAt}
 * starts a fixed-rate or fixed-delay schedule or stands alone as a one-shot time, never beside a
 * cron; a time zone and a cron flavour only with a cron (the flavour SPRING when not given). Fills the task's schedule columns and its first fire time by
 * the database clock (a fixed rate without {@code runAt} counts its slots from now).
 */
@Component
class ScheduleRules {

    private final CronSchedule cron;
    private final Schedules schedules;
    private final DatabaseClock databaseClock;

    ScheduleRules(CronSchedule cron, Schedules schedules, DatabaseClock databaseClock) {
        this.cron = cron;
        this.schedules = schedules;
        this.databaseClock = databaseClock;
    }

    void apply(TaskDefinition d, TaskRecord task) {
        check(d);
        task.setCron(d.cron());
        task.setCronFlavour(d.cronFlavour() == null ? CronFlavour.SPRING : d.cronFlavour());
        task.setCronZone(d.timeZone());
        task.setFixedRateMs(d.fixedRate() == null ? null : d.fixedRate().toMillis());
        task.setFixedDelayMs(d.fixedDelay() == null ? null : d.fixedDelay().toMillis());
        task.setRunAt(d.runAt() == null ? null : LocalDateTime.ofInstant(d.runAt(), ZoneOffset.UTC));
        task.setNextFireTime(null);
        if (d.cron() == null && d.fixedRate() == null && d.fixedDelay() == null && d.runAt() == null) {
            return; // one-shot: due when inserted or retried, no clock needed
        }
        Instant now = databaseClock.now().toInstant(ZoneOffset.UTC);
        if (d.fixedRate() != null && task.getRunAt() == null) {
            task.setRunAt(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
        }
        LocalDateTime first = schedules.first(
                new Recurrence(
                        task.getCron(),
                        task.getCronFlavour(),
                        task.getCronZone(),
                        task.getFixedRateMs(),
                        task.getFixedDelayMs(),
                        task.getRunAt()),
                now);
        if (first == null) {
            throw new InvalidFieldException(
                    "cron", task.getCronFlavour() + " cron expression '" + d.cron() + "' never fires");
        }
        task.setNextFireTime(first);
    }

    private void check(TaskDefinition d) {
        if (d.cronFlavour() != null && d.cron() == null) {
            throw new InvalidFieldException(
                    "cronFlavour", "cronFlavour says how to read a cron expression; give a cron or drop it");
        }
        if (d.timeZone() != null && d.cron() == null) {
            throw new InvalidFieldException(
                    "timeZone", "timeZone applies to a cron expression; give a cron or drop it");
        }
        int recurring = (d.cron() == null ? 0 : 1) + (d.fixedRate() == null ? 0 : 1) + (d.fixedDelay() == null ? 0 : 1);
        if (recurring > 1) {
            throw new InvalidFieldException(
                    d.cron() != null ? "cron" : "fixedRate",
                    "give at most one of cron, fixedRate and fixedDelay: a task has one schedule");
        }
        if (d.runAt() != null && d.cron() != null) {
            throw new InvalidFieldException(
                    "runAt",
                    "runAt starts a fixedRate or fixedDelay schedule, or alone runs the task once then;"
                            + " a cron has its own slots, so drop one of them");
        }
        if (d.cron() != null) {
            // The estimate is enough here: it only dates the other flavours' readings in a refusal.
            cron.validate(
                    d.cron(),
                    d.cronFlavour() == null ? CronFlavour.SPRING : d.cronFlavour(),
                    d.timeZone(),
                    databaseClock.estimate());
        }
    }
}
