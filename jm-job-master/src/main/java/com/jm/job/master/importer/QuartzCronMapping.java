package com.jm.job.master.importer;

import com.jm.job.master.cron.CronSchedule;
import com.jm.job.master.domain.CronFlavour;
import com.jm.job.master.errors.InvalidFieldException;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * The one place that says how a Quartz cron expression, from Quartz's own job store or from XXL-JOB
 * (whose cron is Quartz's), becomes a jm-job task's cron: unchanged, in the task's {@link
 * CronFlavour#QUARTZ} flavour, which reads it as Quartz does (six or seven fields, the seventh a
 * year; day-of-week 1–7 meaning SUN–SAT; {@code ?}, {@code L}, {@code W}, {@code #}). An expression
 * is checked here, as the task API would check it, so a dry run shows it as a bad row rather than
 * the import failing half-way.
 */
@Component
class QuartzCronMapping {

    /** The flavour every imported cron has. */
    static final CronFlavour FLAVOUR = CronFlavour.QUARTZ;

    private final CronSchedule schedule;
    private final Clock clock;

    QuartzCronMapping(CronSchedule schedule, Clock clock) {
        this.schedule = schedule;
        this.clock = clock;
    }

    /**
     * A task cron (in {@link #FLAVOUR}) for a Quartz expression read in a zone.
     *
     * @throws IllegalArgumentException with the reason, when a task could not take it
     */
    String map(String quartz, String zone) {
        String cron = quartz == null ? "" : quartz.strip();
        try {
            schedule.validate(cron, FLAVOUR, zone, clock.instant());
        } catch (InvalidFieldException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (schedule.nextFireTime(cron, FLAVOUR, zone, clock.instant()) == null) {
            throw new IllegalArgumentException("cron '" + cron + "' never fires again (its years are past)");
        }
        return cron;
    }
}
