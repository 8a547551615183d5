package com.jm.job.master.importer;

import com.jm.job.master.domain.OverlapPolicy;
import com.jm.job.master.domain.RunMode;
import com.jm.job.master.domain.TaskPriority;
import com.jm.job.master.service.TaskDefinition;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * How one Quartz trigger (with its job) becomes a task, and a job without a trigger: every column
 * the import reads, what it maps to, and what it cannot say (a note when it is carried over with a
 * difference, a reason when not).
 */
final class QuartzMapping {

    /** Quartz's default trigger priority. */
    private static final int QUARTZ_PRIORITY = 5;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * What every trigger of one import shares.
     *
     * @param scheduler the source's {@code SCHED_NAME}, part of each task's name
     * @param group the jm-job group every task goes to
     * @param cronZone the zone of a cron trigger that names none (Quartz's JVM's zone)
     * @param now the master's database time, which says whether a trigger's start is still ahead
     */
    record Context(
            String scheduler,
            String group,
            QuartzHandlers handlers,
            ZoneId cronZone,
            Instant now,
            Set<String> pausedGroups) {}

    private final Context context;
    private final QuartzCronMapping crons;

    QuartzMapping(Context context, QuartzCronMapping crons) {
        this.context = context;
        this.crons = crons;
    }

    /** A trigger; {@code job} is {@code null} when its job is not in the source. */
    JobPlan map(QuartzSnapshot.Trigger trigger, QuartzSnapshot.Job job, int triggersOfJob) {
        String key = "trigger " + trigger.group() + "." + trigger.name();
        String label = "quartz " + key + " (job " + trigger.jobGroup() + "." + trigger.jobName() + ")";
        List<String> notes = new ArrayList<>();
        String name = null;
        try {
            name = ImportRules.taskName(
                    trigger.jobName(),
                    "quartz",
                    "quartz " + context.scheduler() + "/" + trigger.group() + "." + trigger.name());
            if (job == null) {
                throw new IllegalArgumentException(
                        "its job " + trigger.jobGroup() + "." + trigger.jobName() + " is not in JOB_DETAILS");
            }
            String type = upper(trigger.type());
            if (!"CRON".equals(type) && !"SIMPLE".equals(type)) {
                throw new IllegalArgumentException(unknownType(trigger.type()));
            }
            if ("CRON".equals(type) && trigger.cron() == null) {
                throw new IllegalArgumentException("a CRON trigger without its CRON_TRIGGERS row");
            }
            if ("SIMPLE".equals(type) && trigger.simple() == null) {
                throw new IllegalArgumentException("a SIMPLE trigger without its SIMPLE_TRIGGERS row");
            }
            boolean enabled = enabled(trigger, notes);
            String notCarried = notCarried(trigger, job);
            if (notCarried != null) {
                return JobPlan.refused(key, label, context.group(), name, JobPlan.Kind.NOT_CARRIED, notes, notCarried);
            }
            Schedule schedule = "CRON".equals(type) ? cron(trigger, notes) : simple(trigger, notes);
            if (schedule == null) {
                return JobPlan.refused(
                        key, label, context.group(), name, JobPlan.Kind.NOT_CARRIED, notes, repeats(trigger.simple()));
            }
            if (trigger.priority() != QUARTZ_PRIORITY) {
                notes.add("trigger priority " + trigger.priority() + " not carried over: jm-job's priorities are 0 to"
                        + " 9 and the task has the default, " + TaskPriority.DEFAULT);
            }
            return task(
                    key,
                    label,
                    name,
                    job,
                    schedule,
                    trigger.data(),
                    enabled && schedule.enabled(),
                    triggersOfJob,
                    notes);
        } catch (IllegalArgumentException e) {
            return JobPlan.refused(key, label, context.group(), name, JobPlan.Kind.ERROR, notes, e.getMessage());
        }
    }

    /** A job with no trigger (a durable job Quartz runs only when told): a task without a schedule, disabled. */
    JobPlan unscheduled(QuartzSnapshot.Job job) {
        String key = "job " + job.group() + "." + job.name();
        String label = "quartz " + key + " (no trigger)";
        List<String> notes = new ArrayList<>();
        String name = null;
        try {
            name = ImportRules.taskName(
                    job.name(), "quartz", "quartz " + context.scheduler() + "/job " + job.group() + "." + job.name());
            String unreadable = QuartzJobData.read(job.data()).unreadable();
            if (unreadable != null) {
                return JobPlan.refused(
                        key, label, context.group(), name, JobPlan.Kind.NOT_CARRIED, notes, dataNotCarried(unreadable));
            }
            notes.add("no trigger (runs only when triggered): a jm-job task without a schedule runs once when enabled,"
                    + " so it is imported disabled; trigger it when you want a run");
            return task(key, label, name, job, new Schedule(null, null, null, null, true), null, false, 0, notes);
        } catch (IllegalArgumentException e) {
            return JobPlan.refused(key, label, context.group(), name, JobPlan.Kind.ERROR, notes, e.getMessage());
        }
    }

    private JobPlan task(
            String key,
            String label,
            String name,
            QuartzSnapshot.Job job,
            Schedule schedule,
            byte[] triggerData,
            boolean enabled,
            int triggersOfJob,
            List<String> notes) {
        QuartzHandlers.Handler handler = context.handlers().handler(job.className());
        notes.add(
                0, "job class " + job.className() + " -> beanName " + handler.beanName() + " (" + handler.how() + ")");
        OverlapPolicy overlap = overlap(job, triggersOfJob, notes);
        if (job.updatesData()) {
            notes.add("@PersistJobDataAfterExecution: the params are the data map as it is now; a run's changes to"
                    + " it are not kept for the next");
        }
        if (job.requestsRecovery()) {
            notes.add("requests recovery: jm-job re-runs a run lost with its node only if the task retries (retry is"
                    + " off: Quartz does not retry a failed run)");
        }
        TaskDefinition definition = new TaskDefinition(
                name,
                handler.beanName(),
                schedule.cron(),
                schedule.cron() == null ? null : QuartzCronMapping.FLAVOUR,
                schedule.cron() == null ? null : schedule.zone(),
                schedule.fixedRate(),
                null,
                schedule.runAt(),
                params(job.data(), triggerData),
                false,
                0,
                null,
                List.of(),
                false,
                TaskPriority.DEFAULT,
                new TaskDefinition.Execution(RunMode.SINGLE, 1, List.of(), List.of(), overlap, 1));
        return JobPlan.create(key, label, context.group(), name, definition, enabled, List.of(), notes);
    }

    /**
     * A trigger's schedule.
     *
     * @param enabled false when the task must wait (a start still ahead)
     */
    private record Schedule(String cron, String zone, Duration fixedRate, Instant runAt, boolean enabled) {}

    private Schedule cron(QuartzSnapshot.Trigger trigger, List<String> notes) {
        String zone;
        if (trigger.cron().timeZoneId() == null || trigger.cron().timeZoneId().isBlank()) {
            zone = context.cronZone().getId();
            notes.add("the trigger names no time zone: cron read in " + zone + " (Quartz reads it in its JVM's zone)");
        } else {
            zone = zone(trigger.cron().timeZoneId());
        }
        String cron = crons.map(trigger.cron().expression(), zone);
        switch (trigger.misfireInstruction()) {
            case 0, 1 -> {} // smart policy and FIRE_ONCE_NOW: a missed slot fires once, as in jm-job
            case 2 ->
                notes.add("misfire DO_NOTHING: jm-job fires a slot missed while no master ran once when one is back"
                        + " (Quartz's FIRE_ONCE_NOW)");
            case -1 ->
                notes.add("misfire IGNORE_MISFIRE_POLICY: Quartz fires every missed slot, jm-job fires them once");
            default ->
                notes.add("misfire instruction " + trigger.misfireInstruction()
                        + " is unknown; jm-job fires a missed slot once");
        }
        endTime(trigger, notes);
        boolean startsLater = Instant.ofEpochMilli(trigger.startTime()).isAfter(context.now());
        if (startsLater) {
            notes.add("starts at " + Instant.ofEpochMilli(trigger.startTime()) + ": a task's cron has no start, so it"
                    + " is imported disabled; enable it then");
        }
        return new Schedule(cron, zone, null, null, !startsLater);
    }

    /** A simple trigger's schedule, or {@code null} when it repeats a number of times jm-job cannot say. */
    private Schedule simple(QuartzSnapshot.Trigger trigger, List<String> notes) {
        QuartzSnapshot.Simple simple = trigger.simple();
        Instant next = Instant.ofEpochMilli(trigger.nextFireTime());
        int misfire = trigger.misfireInstruction();
        if (simple.repeatCount() < 0) {
            Duration rate = ImportRules.interval(
                    Duration.ofMillis(simple.repeatIntervalMs()),
                    "repeat interval " + simple.repeatIntervalMs() + " ms");
            endTime(trigger, notes);
            if (misfire == 1 || misfire == 2 || misfire == 3) {
                notes.add("misfire (Quartz: fire at once and count the slots from then): jm-job fires a missed slot"
                        + " once too, but keeps to the slots from " + next);
            } else if (misfire == -1) {
                notes.add("misfire IGNORE_MISFIRE_POLICY: Quartz fires every missed slot, jm-job fires them once");
            } else {
                notes.add("misfire (Quartz: wait for the next slot): jm-job fires a missed slot once, at once, then"
                        + " keeps to its slots");
            }
            return new Schedule(null, null, rate, next, true);
        }
        long left = simple.repeatCount() + 1 - simple.timesTriggered();
        if (left != 1) {
            return null;
        }
        if (simple.repeatCount() > 0) {
            notes.add("the last of " + (simple.repeatCount() + 1) + " fires: one fire, at " + next);
        }
        if (misfire == 4 || misfire == 5) {
            notes.add("misfire RESCHEDULE_NEXT_*: Quartz drops this fire if it is missed, jm-job runs it late");
        }
        return new Schedule(null, null, null, next, true);
    }

    private static String repeats(QuartzSnapshot.Simple simple) {
        long left = simple.repeatCount() + 1 - simple.timesTriggered();
        return "repeats " + simple.repeatCount() + " times (" + left + " fires left): a task repeats forever or fires"
                + " once; create a fixedRate task and disable it after the last fire, or let Quartz finish it";
    }

    private static void endTime(QuartzSnapshot.Trigger trigger, List<String> notes) {
        if (trigger.endTime() != null) {
            notes.add("ends at " + Instant.ofEpochMilli(trigger.endTime()) + " in Quartz; a task has no end: disable"
                    + " it then");
        }
    }

    /** Whether the trigger fires (false: paused or in error), with a note why not. */
    private boolean enabled(QuartzSnapshot.Trigger trigger, List<String> notes) {
        String state = upper(trigger.state());
        boolean groupPaused = context.pausedGroups().contains(trigger.group())
                || context.pausedGroups().contains(QuartzSnapshot.ALL_GROUPS_PAUSED);
        if (state == null) {
            throw new IllegalArgumentException("no trigger state");
        }
        switch (state) {
            case "WAITING", "ACQUIRED", "EXECUTING", "BLOCKED", "COMPLETE", "PAUSED", "PAUSED_BLOCKED" -> {
                if (groupPaused) {
                    notes.add("its trigger group " + trigger.group() + " is paused in Quartz: imported disabled");
                    return false;
                }
                if (state.startsWith("PAUSED")) {
                    notes.add("paused in Quartz (" + state + "): imported disabled");
                    return false;
                }
                return true;
            }
            case "ERROR" -> {
                notes.add("in Quartz's ERROR state (its job could not be run): imported disabled");
                return false;
            }
            default -> throw new IllegalArgumentException("unknown trigger state '" + trigger.state() + "'");
        }
    }

    /** Why a trigger that could be read is not carried over, or {@code null}. */
    private static String notCarried(QuartzSnapshot.Trigger trigger, QuartzSnapshot.Job job) {
        if ("COMPLETE".equals(upper(trigger.state())) || trigger.nextFireTime() == null) {
            return "the trigger is complete: Quartz fires it no more";
        }
        if (trigger.calendarName() != null) {
            return "it skips the times of Quartz calendar '" + trigger.calendarName() + "', and jm-job has no"
                    + " calendars: give the task a cron that leaves those times out, or check in the handler";
        }
        for (byte[] data : new byte[][] {job.data(), trigger.data()}) {
            String unreadable = QuartzJobData.read(data).unreadable();
            if (unreadable != null) {
                return dataNotCarried(unreadable);
            }
        }
        return null;
    }

    private static String dataNotCarried(String why) {
        return "its job data map is not carried over: " + why + "; set org.quartz.jobStore.useProperties=true"
                + " (string values) and store the job again, or re-enter the params on the task";
    }

    private static OverlapPolicy overlap(QuartzSnapshot.Job job, int triggersOfJob, List<String> notes) {
        if (job.nonConcurrent()) {
            if (triggersOfJob > 1) {
                notes.add("@DisallowConcurrentExecution holds across the job's " + triggersOfJob + " triggers in"
                        + " Quartz; each becomes a task of its own, and two tasks may run at once");
            }
            return OverlapPolicy.QUEUE;
        }
        notes.add("Quartz starts a fire due while one runs beside it; overlap SKIP skips it (set overlap PARALLEL"
                + " to run them side by side)");
        return OverlapPolicy.SKIP;
    }

    /** The job's data map with the trigger's over it (Quartz's merged map), as a JSON object. */
    private static String params(byte[] jobData, byte[] triggerData) {
        Map<String, Object> merged = new TreeMap<>(QuartzJobData.read(jobData).entries());
        if (triggerData != null) {
            merged.putAll(QuartzJobData.read(triggerData).entries());
        }
        return merged.isEmpty() ? null : ImportRules.params(JSON.writeValueAsString(merged));
    }

    private static String zone(String id) {
        try {
            return ZoneId.of(id, ZoneId.SHORT_IDS).getId();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("time zone '" + id + "' is unknown: " + e.getMessage());
        }
    }

    private static String unknownType(String type) {
        String what =
                switch (upper(type) == null ? "" : upper(type)) {
                    case "CAL_INT" -> "a CalendarIntervalTrigger (CAL_INT)";
                    case "DAILY_I" -> "a DailyTimeIntervalTrigger (DAILY_I)";
                    case "BLOB" -> "a trigger of a custom class stored as a blob (BLOB)";
                    default -> "a trigger of type '" + type + "'";
                };
        return what + ": the import reads CRON and SIMPLE triggers only; replace it with a cron or simple trigger"
                + " in Quartz, or delete it, and run again";
    }

    private static String upper(String value) {
        return value == null || value.isBlank() ? null : value.strip().toUpperCase(Locale.ROOT);
    }
}
