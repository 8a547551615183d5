package com.jm.job.master.importer;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Imports what an XXL-JOB database holds: executors become groups, jobs become tasks ({@link
 * XxlJobMapping}), written by {@link TaskImport} (all or nothing, idempotent). Child jobs are
 * checked against the source here.
 */
@Service
public class XxlJobImport {

    static final String SYSTEM = "xxl-job";

    private final TaskImport writer;
    private final QuartzCronMapping crons;

    XxlJobImport(TaskImport writer, QuartzCronMapping crons) {
        this.writer = writer;
        this.crons = crons;
    }

    /** What an import would do; writes nothing. */
    public ImportPlan dryRun(XxlJobSnapshot source, ZoneId cronZone) {
        return writer.dryRun(SYSTEM, groupNames(source), existing -> plan(source, cronZone, existing));
    }

    /**
     * Imports, in one transaction.
     *
     * @throws ImportRefusedException with the plan, when a row is bad: nothing is written
     */
    public ImportPlan apply(XxlJobSnapshot source, ZoneId cronZone) {
        return writer.apply(SYSTEM, groupNames(source), existing -> plan(source, cronZone, existing));
    }

    private static List<String> groupNames(XxlJobSnapshot source) {
        return source.groups().stream().map(g -> g.appName().strip()).distinct().toList();
    }

    private List<JobPlan> plan(XxlJobSnapshot source, ZoneId cronZone, TaskImport.Existing existing) {
        Map<Integer, String> groupOf = new HashMap<>();
        source.groups().forEach(g -> groupOf.put(g.id(), g.appName().strip()));
        XxlJobMapping mapping = new XxlJobMapping(cronZone, crons);
        Map<String, JobPlan> byKey = new LinkedHashMap<>();
        for (XxlJobSnapshot.Job job : source.jobs()) {
            byKey.put(String.valueOf(job.id()), existing.mark(mapping.map(job, groupOf.get(job.groupId()))));
        }
        return byKey.values().stream().map(plan -> checkChildren(plan, byKey)).toList();
    }

    /** A child that is not in the source is a bad row; one that is not carried over, a note. */
    private static JobPlan checkChildren(JobPlan plan, Map<String, JobPlan> byKey) {
        if (plan.kind() != JobPlan.Kind.CREATE) {
            return plan;
        }
        for (String child : plan.childKeys()) {
            JobPlan target = byKey.get(child);
            if (target == null) {
                return plan.withError("child job " + child + " is not in xxl_job_info");
            }
            if (target.kind() == JobPlan.Kind.NOT_CARRIED) {
                plan = plan.withNote("child xxl-job #" + child + " is not carried over, so this task will not fire it");
            }
        }
        return plan;
    }
}
