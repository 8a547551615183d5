package com.jm.job.master.importer;

import static org.quartz.CronScheduleBuilder.cronSchedule;
import static org.quartz.JobBuilder.newJob;
import static org.quartz.SimpleScheduleBuilder.simpleSchedule;
import static org.quartz.TriggerBuilder.newTrigger;

import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import org.quartz.CalendarIntervalScheduleBuilder;
import org.quartz.DailyTimeIntervalScheduleBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.calendar.HolidayCalendar;
import org.quartz.impl.matchers.GroupMatcher;

/** The Quartz job stores the import tests read, each written through Quartz's own API. */
final class QuartzStores {

    /** The first fire of the simple triggers: fixed, and ahead, so Quartz keeps it as given. */
    static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private QuartzStores() {}

    /** An action on a scheduler that may throw what Quartz throws. */
    @FunctionalInterface
    interface Definitions {
        void define(Scheduler scheduler) throws SchedulerException;
    }

    static QuartzDatabase written(QuartzDatabase database, String scheduler, boolean useProperties, Definitions d) {
        Scheduler quartz = database.scheduler(scheduler, useProperties);
        try {
            d.define(quartz);
            return database;
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                quartz.shutdown();
            } catch (SchedulerException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Scheduler {@code reports}, data maps as properties: a trigger of every kind the import reads
     * (cron with a zone, a second and paused trigger of the same job, a non-concurrent job repeating
     * forever, a one-shot, a trigger of a paused group, a durable job without a trigger) and two it
     * does not carry over (three repeats, a calendar).
     */
    static QuartzDatabase everyKind() {
        return written(QuartzDatabase.create(), "reports", true, s -> {
            JobDetail report = newJob(QuartzJobs.NightlyReportJob.class)
                    .withIdentity("nightlyReport", "reports")
                    .usingJobData("day", "1")
                    .build();
            s.scheduleJob(
                    report,
                    newTrigger()
                            .withIdentity("thirdFriday", "reports")
                            .usingJobData("region", "eu")
                            .withSchedule(cronSchedule("0 0 10 ? * 6#3")
                                    .inTimeZone(TimeZone.getTimeZone("Asia/Shanghai"))
                                    .withMisfireHandlingInstructionDoNothing())
                            .build());
            s.scheduleJob(newTrigger()
                    .withIdentity("nightly", "reports")
                    .forJob(report)
                    .withSchedule(cronSchedule("0 0 0 * * ? *").inTimeZone(TimeZone.getTimeZone("UTC")))
                    .build());
            s.pauseTrigger(org.quartz.TriggerKey.triggerKey("nightly", "reports"));
            s.scheduleJob(
                    newJob(QuartzJobs.SyncJob.class)
                            .withIdentity("sync", "billing")
                            .requestRecovery()
                            .build(),
                    newTrigger()
                            .withIdentity("every30s", "billing")
                            .startAt(Date.from(START))
                            .withSchedule(
                                    simpleSchedule().withIntervalInSeconds(30).repeatForever())
                            .build());
            s.scheduleJob(
                    newJob(QuartzJobs.CleanupJob.class)
                            .withIdentity("cleanup", "billing")
                            .build(),
                    newTrigger()
                            .withIdentity("onceAt", "billing")
                            .startAt(Date.from(START))
                            .build());
            s.scheduleJob(
                    newJob(QuartzJobs.CleanupJob.class)
                            .withIdentity("thrice", "billing")
                            .build(),
                    newTrigger()
                            .withIdentity("thrice", "billing")
                            .startAt(Date.from(START))
                            .withSchedule(
                                    simpleSchedule().withIntervalInMinutes(1).withRepeatCount(3))
                            .build());
            s.addCalendar("holidays", new HolidayCalendar(), false, false);
            s.scheduleJob(
                    newJob(QuartzJobs.NightlyReportJob.class)
                            .withIdentity("workdays", "reports")
                            .build(),
                    newTrigger()
                            .withIdentity("workdays", "reports")
                            .modifiedByCalendar("holidays")
                            .withSchedule(cronSchedule("0 0 7 * * ?"))
                            .build());
            s.pauseTriggers(GroupMatcher.triggerGroupEquals("paused"));
            s.scheduleJob(
                    newJob(QuartzJobs.NightlyReportJob.class)
                            .withIdentity("weekly", "reports")
                            .build(),
                    newTrigger()
                            .withIdentity("weekdays", "paused")
                            .withSchedule(cronSchedule("0 30 9 ? * 2-6").inTimeZone(TimeZone.getTimeZone("UTC")))
                            .build());
            s.addJob(
                    newJob(QuartzJobs.CleanupJob.class)
                            .withIdentity("byHand", "ops")
                            .usingJobData("scope", "all")
                            .storeDurably()
                            .build(),
                    false);
        });
    }

    /** Scheduler {@code legacy}, data maps serialized (Quartz's default): typed values, a hostile one, a Date. */
    static QuartzDatabase serialized() {
        return written(QuartzDatabase.create(), "legacy", false, s -> {
            JobDetail typed = newJob(QuartzJobs.NightlyReportJob.class)
                    .withIdentity("typed", "legacy")
                    .usingJobData("day", "1")
                    .usingJobData("n", 5)
                    .usingJobData("flag", true)
                    .build();
            s.scheduleJob(typed, cron("typed"));
            JobDetail plain = newJob(QuartzJobs.NightlyReportJob.class)
                    .withIdentity("plain", "legacy")
                    .build();
            s.scheduleJob(plain, cron("plain"));
            JobDetail hostile = newJob(QuartzJobs.NightlyReportJob.class)
                    .withIdentity("hostile", "legacy")
                    .build();
            hostile.getJobDataMap().put("payload", new QuartzJobs.Detonator());
            s.scheduleJob(hostile, cron("hostile"));
            JobDetail dated = newJob(QuartzJobs.NightlyReportJob.class)
                    .withIdentity("dated", "legacy")
                    .build();
            dated.getJobDataMap().put("since", new Date(0));
            s.scheduleJob(dated, cron("dated"));
        });
    }

    /**
     * Scheduler {@code bad}: one fine trigger and rows the import refuses, one of them a cron of
     * years gone by (Quartz refuses to store one, so the row is changed afterwards).
     */
    static QuartzDatabase badRows() {
        QuartzDatabase store = written(QuartzDatabase.create(), "bad", true, s -> {
            s.scheduleJob(
                    newJob(QuartzJobs.NightlyReportJob.class)
                            .withIdentity("fine")
                            .build(),
                    cron("fine"));
            s.scheduleJob(
                    newJob(QuartzJobs.NightlyReportJob.class)
                            .withIdentity("monthly")
                            .build(),
                    newTrigger()
                            .withIdentity("monthly")
                            .withSchedule(CalendarIntervalScheduleBuilder.calendarIntervalSchedule()
                                    .withIntervalInMonths(1))
                            .build());
            s.scheduleJob(
                    newJob(QuartzJobs.NightlyReportJob.class)
                            .withIdentity("daytime")
                            .build(),
                    newTrigger()
                            .withIdentity("daytime")
                            .withSchedule(DailyTimeIntervalScheduleBuilder.dailyTimeIntervalSchedule()
                                    .withIntervalInHours(2))
                            .build());
            s.scheduleJob(
                    newJob(QuartzJobs.CleanupJob.class).withIdentity("unmapped").build(), cron("unmapped"));
            s.scheduleJob(
                    newJob(QuartzJobs.NightlyReportJob.class)
                            .withIdentity("pastYears")
                            .build(),
                    newTrigger()
                            .withIdentity("pastYears")
                            .withSchedule(cronSchedule("0 0 0 1 1 ? 2031"))
                            .build());
        });
        store.jdbc()
                .update(
                        "UPDATE " + store.table("CRON_TRIGGERS") + " SET CRON_EXPRESSION = ? WHERE TRIGGER_NAME = ?",
                        "0 0 0 1 1 ? 2020",
                        "pastYears");
        return store;
    }

    private static org.quartz.Trigger cron(String name) {
        return newTrigger()
                .withIdentity(name, "legacy")
                .withSchedule(cronSchedule("0 0 1 * * ?").inTimeZone(TimeZone.getTimeZone("UTC")))
                .build();
    }
}
