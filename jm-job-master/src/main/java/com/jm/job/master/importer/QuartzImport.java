package com.jm.job.master.importer;

import com.jm.job.master.clock.DatabaseClock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Imports one scheduler of a Quartz JDBC job store: every trigger becomes a task ({@link
 * QuartzMapping}), and so does a job without a trigger; all into one group. Written by {@link
 * TaskImport} (all or nothing, idempotent).
 */
@Service
public class QuartzImport {

    static final String SYSTEM = "quartz";

    private final TaskImport writer;
    private final QuartzCronMapping crons;
    private final DatabaseClock clock;

    QuartzImport(TaskImport writer, QuartzCronMapping crons, DatabaseClock clock) {
        this.writer = writer;
        this.crons = crons;
        this.clock = clock;
    }

    /**
     * How a scheduler is imported.
     *
     * @param group the jm-job group every task goes to
     * @param cronZone the zone of a cron trigger that names none
     */
    public record Options(String group, QuartzHandlers handlers, ZoneId cronZone) {}

    /** What an import would do; writes nothing. */
    public ImportPlan dryRun(QuartzSnapshot source, Options options) {
        return writer.dryRun(SYSTEM, List.of(options.group()), existing -> plan(source, options, existing));
    }

    /**
     * Imports, in one transaction.
     *
     * @throws ImportRefusedException with the plan, when a row is bad: nothing is written
     */
    public ImportPlan apply(QuartzSnapshot source, Options options) {
        return writer.apply(SYSTEM, List.of(options.group()), existing -> plan(source, options, existing));
    }

    private List<JobPlan> plan(QuartzSnapshot source, Options options, TaskImport.Existing existing) {
        Instant now = clock.now().toInstant(ZoneOffset.UTC);
        QuartzMapping mapping = new QuartzMapping(
                new QuartzMapping.Context(
                        source.scheduler(),
                        options.group(),
                        options.handlers(),
                        options.cronZone(),
                        now,
                        source.pausedGroups()),
                crons);
        Map<String, QuartzSnapshot.Job> jobs = new HashMap<>();
        source.jobs().forEach(job -> jobs.put(jobKey(job.group(), job.name()), job));
        Map<String, Integer> triggersOf = new HashMap<>();
        source.triggers().forEach(t -> triggersOf.merge(jobKey(t.jobGroup(), t.jobName()), 1, Integer::sum));
        List<JobPlan> plans = new ArrayList<>();
        Set<String> triggered = new HashSet<>();
        for (QuartzSnapshot.Trigger trigger : source.triggers()) {
            String job = jobKey(trigger.jobGroup(), trigger.jobName());
            triggered.add(job);
            plans.add(existing.mark(mapping.map(trigger, jobs.get(job), triggersOf.get(job))));
        }
        for (QuartzSnapshot.Job job : source.jobs()) {
            if (!triggered.contains(jobKey(job.group(), job.name()))) {
                plans.add(existing.mark(mapping.unscheduled(job)));
            }
        }
        return plans;
    }

    private static String jobKey(String group, String name) {
        // A NUL cannot be part of a Quartz name column, so the key is unambiguous.
        return group + '\0' + name;
    }
}
