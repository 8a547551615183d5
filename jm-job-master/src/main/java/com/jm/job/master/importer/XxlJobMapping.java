package com.jm.job.master.importer;

import com.jm.job.master.domain.OverlapPolicy;
import com.jm.job.master.domain.RunMode;
import com.jm.job.master.domain.TaskPriority;
import com.jm.job.master.service.TaskDefinition;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How one {@code xxl_job_info} row becomes a task: every column the import reads, what it maps to,
 * and what it cannot say (a note when it is carried over with a difference, a reason when not).
 */
final class XxlJobMapping {

    private static final Pattern CHILD_IDS = Pattern.compile("\\s*\\d+\\s*(,\\s*\\d+\\s*)*");
    private static final int MAX_RETRIES = 100;
    private static final int MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;

    private final ZoneId cronZone;
    private final QuartzCronMapping crons;

    /** @param cronZone the zone XXL-JOB's admin read cron expressions in (its JVM's default zone) */
    XxlJobMapping(ZoneId cronZone, QuartzCronMapping crons) {
        this.cronZone = cronZone;
        this.crons = crons;
    }

    /** The task name an XXL-JOB job gets: its description, then its id, which a re-run matches. */
    static String taskName(XxlJobSnapshot.Job job) {
        return ImportRules.taskName(job.description(), "xxl-job", "xxl-job #" + job.id());
    }

    JobPlan map(XxlJobSnapshot.Job job, String group) {
        String name = taskName(job);
        String key = String.valueOf(job.id());
        String label = "xxl-job #" + job.id() + " \"" + job.description() + "\"";
        boolean enabled = job.triggerStatus() == 1;
        List<String> notes = new ArrayList<>();
        try {
            if (group == null) {
                throw new IllegalArgumentException(
                        "its executor (job_group " + job.groupId() + ") is not in xxl_job_group");
            }
            String glue = upper(job.glueType());
            if (glue != null && !glue.equals("BEAN")) {
                return JobPlan.refused(
                        key,
                        label,
                        group,
                        name,
                        JobPlan.Kind.NOT_CARRIED,
                        List.of(),
                        "a GLUE job (" + job.glueType() + "): its code lives in XXL-JOB's database and is run by the"
                                + " executor; jm-job runs only handlers built into its nodes, so move the code into an"
                                + " @XxlJob or @JmJob method and create the task for it");
            }
            String handler = handler(job);
            List<String> children = children(job.childJobIds());
            Schedule schedule = schedule(job, notes);
            if (schedule.none()) {
                enabled = false;
            }
            misfire(job.misfireStrategy(), notes);
            RunMode mode = route(job.routeStrategy(), notes);
            OverlapPolicy overlap = block(job.blockStrategy(), notes);
            int retries = job.failRetryCount() < 0 ? 0 : Math.min(job.failRetryCount(), MAX_RETRIES);
            if (job.failRetryCount() > MAX_RETRIES) {
                notes.add("fail retry count " + job.failRetryCount() + " capped at " + MAX_RETRIES);
            }
            if (job.timeoutSeconds() > MAX_TIMEOUT_SECONDS) {
                throw new IllegalArgumentException("timeout " + job.timeoutSeconds() + " s is over 7 days");
            }
            TaskDefinition definition = new TaskDefinition(
                    name,
                    handler,
                    schedule.cron(),
                    schedule.cron() == null ? null : QuartzCronMapping.FLAVOUR,
                    schedule.cron() == null ? null : cronZone.getId(),
                    schedule.fixedRate(),
                    schedule.fixedDelay(),
                    null,
                    ImportRules.params(job.params() == null || job.params().isEmpty() ? null : job.params()),
                    retries > 0,
                    retries,
                    job.timeoutSeconds() > 0 ? job.timeoutSeconds() : null,
                    List.of(),
                    false,
                    TaskPriority.DEFAULT,
                    new TaskDefinition.Execution(mode, 1, List.of(), List.of(), overlap, 1));
            return JobPlan.create(key, label, group, name, definition, enabled, children, notes);
        } catch (IllegalArgumentException e) {
            return JobPlan.refused(key, label, group, name, JobPlan.Kind.ERROR, notes, e.getMessage());
        }
    }

    private static String handler(XxlJobSnapshot.Job job) {
        String handler = job.handler() == null ? "" : job.handler().strip();
        if (handler.isEmpty()) {
            throw new IllegalArgumentException("no executor handler (JobHandler) is set");
        }
        return ImportRules.handlerName(handler, "executor handler");
    }

    private static List<String> children(String ids) {
        if (ids == null || ids.isBlank()) {
            return List.of();
        }
        if (!CHILD_IDS.matcher(ids).matches()) {
            throw new IllegalArgumentException("child job ids '" + ids + "' are not a comma-separated list of ids");
        }
        List<String> children = new ArrayList<>();
        for (String id : ids.split(",")) {
            children.add(String.valueOf(Integer.parseInt(id.strip())));
        }
        return List.copyOf(children);
    }

    private record Schedule(String cron, Duration fixedRate, Duration fixedDelay) {
        boolean none() {
            return cron == null && fixedRate == null && fixedDelay == null;
        }
    }

    private Schedule schedule(XxlJobSnapshot.Job job, List<String> notes) {
        String type = upper(job.scheduleType());
        if (type == null) {
            throw new IllegalArgumentException("no schedule type");
        }
        switch (type) {
            case "CRON" -> {
                String cron = crons.map(job.scheduleConf(), cronZone.getId());
                notes.add("cron read in " + cronZone.getId() + " (XXL-JOB reads it in its admin's zone)");
                return new Schedule(cron, null, null);
            }
            case "FIX_RATE" -> {
                return new Schedule(null, seconds(job, "FIX_RATE"), null);
            }
            case "FIX_DELAY" -> {
                return new Schedule(null, null, seconds(job, "FIX_DELAY"));
            }
            case "NONE" -> {
                notes.add("schedule NONE (runs only when triggered): a jm-job task without a schedule runs once when"
                        + " enabled, so it is imported disabled; enable it to run it, or trigger it as a child");
                return new Schedule(null, null, null);
            }
            default ->
                throw new IllegalArgumentException(
                        "unknown schedule type '" + job.scheduleType() + "' (XXL-JOB's are NONE, CRON and FIX_RATE)");
        }
    }

    private static Duration seconds(XxlJobSnapshot.Job job, String type) {
        String conf = job.scheduleConf() == null ? "" : job.scheduleConf().strip();
        if (!conf.matches("\\d{1,9}")) {
            throw new IllegalArgumentException(
                    type + " schedule '" + job.scheduleConf() + "' is not a number of seconds");
        }
        return ImportRules.interval(Duration.ofSeconds(Long.parseLong(conf)), type + " every " + conf + " s");
    }

    private static void misfire(String strategy, List<String> notes) {
        String misfire = upper(strategy);
        if (misfire == null || misfire.equals("FIRE_ONCE_NOW")) {
            return;
        }
        if (misfire.equals("DO_NOTHING")) {
            notes.add("misfire DO_NOTHING: jm-job fires a slot missed while no master ran once when one is back"
                    + " (XXL-JOB's FIRE_ONCE_NOW)");
        } else {
            notes.add("misfire strategy " + strategy + " is unknown; jm-job fires a missed slot once");
        }
    }

    private static RunMode route(String strategy, List<String> notes) {
        String route = upper(strategy);
        if ("SHARDING_BROADCAST".equals(route)) {
            return RunMode.BROADCAST;
        }
        if (route != null && !route.equals("ROUND") && !route.equals("RANDOM")) {
            notes.add("route strategy " + strategy + ": jm-job has none; a free node of the group takes each run"
                    + " (failed runs are retried, on any node)");
        }
        return RunMode.SINGLE;
    }

    private static OverlapPolicy block(String strategy, List<String> notes) {
        String block = upper(strategy);
        if (block == null || block.equals("DISCARD_LATER")) {
            return OverlapPolicy.SKIP;
        }
        if (block.equals("SERIAL_EXECUTION")) {
            notes.add("block SERIAL_EXECUTION as overlap QUEUE: a fire due while one runs waits, but at most one"
                    + " waits (XXL-JOB queues them all)");
            return OverlapPolicy.QUEUE;
        }
        if (block.equals("COVER_EARLY")) {
            notes.add("block COVER_EARLY (stop the running fire for the new one) has no jm-job policy: overlap SKIP");
        } else {
            notes.add("block strategy " + strategy + " is unknown: overlap SKIP");
        }
        return OverlapPolicy.SKIP;
    }

    private static String upper(String value) {
        return value == null || value.isBlank() ? null : value.strip().toUpperCase(Locale.ROOT);
    }
}
