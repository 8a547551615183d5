package com.jm.job.master.importer;

import com.jm.job.master.domain.GroupRecord;
import com.jm.job.master.service.TaskDefinition;
import com.jm.job.master.service.TaskService;
import com.jm.job.master.store.GroupMapper;
import com.jm.job.master.store.TaskMapper;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports what an XXL-JOB database holds: executors become groups, jobs become tasks (through the
 * same {@link TaskService} as the API, so every rule of a task applies). All or nothing: one
 * transaction, refused whole when a row is bad. Idempotent: a job whose task (by its name, which
 * carries the XXL-JOB id) is in its group already is left alone, and imports into one group are
 * serialised on the group's row, so two at once cannot both create a task.
 */
@Service
public class XxlJobImport {

    private final GroupMapper groups;
    private final TaskMapper tasks;
    private final TaskService taskService;

    public XxlJobImport(GroupMapper groups, TaskMapper tasks, TaskService taskService) {
        this.groups = groups;
        this.tasks = tasks;
        this.taskService = taskService;
    }

    /** What an import would do; writes nothing. */
    @Transactional(readOnly = true)
    public ImportPlan dryRun(XxlJobSnapshot source, ZoneId cronZone) {
        Map<String, Long> groupIds = new HashMap<>();
        for (String name : groupNames(source)) {
            GroupRecord group = groups.findByName(name);
            if (group != null) {
                groupIds.put(name, group.getId());
            }
        }
        return new ImportPlan(groupNames(source), plan(source, cronZone, groupIds), false);
    }

    /**
     * Imports, in one transaction.
     *
     * @throws ImportRefusedException with the plan, when a row is bad: nothing is written
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public ImportPlan apply(XxlJobSnapshot source, ZoneId cronZone) {
        List<String> names = groupNames(source);
        Map<String, Long> groupIds = new HashMap<>();
        // In name order, so two imports lock the rows in the same order and never deadlock.
        for (String name : new TreeSet<>(names)) {
            groupIds.put(name, lockOrCreate(name));
        }
        List<JobPlan> planned = plan(source, cronZone, groupIds);
        if (planned.stream().anyMatch(j -> j.kind() == JobPlan.Kind.ERROR)) {
            throw new ImportRefusedException(new ImportPlan(names, planned, false));
        }
        Map<Integer, Long> taskIds = new HashMap<>();
        List<JobPlan> done = new ArrayList<>();
        for (JobPlan job : planned) {
            if (job.kind() == JobPlan.Kind.CREATE) {
                long id = taskService
                        .insert(groupIds.get(job.group()), job.definition())
                        .getId();
                job = job.withKind(JobPlan.Kind.CREATE, id);
            }
            if (job.taskId() != null) {
                taskIds.put(job.job().id(), job.taskId());
            }
            done.add(job);
        }
        for (JobPlan job : done) {
            if (job.kind() != JobPlan.Kind.CREATE) {
                continue;
            }
            if (!job.childJobIds().isEmpty()) {
                List<Long> children = job.childJobIds().stream()
                        .filter(taskIds::containsKey)
                        .map(taskIds::get)
                        .toList();
                taskService.update(job.taskId(), withChildren(job.definition(), children), null);
            }
            if (!job.enabled()) {
                taskService.disable(job.taskId());
            }
        }
        return new ImportPlan(names, done, true);
    }

    private Long lockOrCreate(String name) {
        Long id = groups.lockIdByName(name);
        if (id != null) {
            return id;
        }
        GroupRecord group = new GroupRecord();
        group.setName(name);
        try {
            groups.insert(group);
            return group.getId();
        } catch (DuplicateKeyException e) {
            // Another import or an operator created it meanwhile: wait for it, then use it.
            return groups.lockIdByName(name);
        }
    }

    private static List<String> groupNames(XxlJobSnapshot source) {
        return source.groups().stream().map(g -> g.appName().strip()).distinct().toList();
    }

    private List<JobPlan> plan(XxlJobSnapshot source, ZoneId cronZone, Map<String, Long> groupIds) {
        Map<Integer, String> groupOf = new HashMap<>();
        source.groups().forEach(g -> groupOf.put(g.id(), g.appName().strip()));
        XxlJobMapping mapping = new XxlJobMapping(cronZone);
        Map<Integer, JobPlan> byId = new LinkedHashMap<>();
        for (XxlJobSnapshot.Job job : source.jobs()) {
            JobPlan plan = mapping.map(job, groupOf.get(job.groupId()));
            Long groupId = plan.group() == null ? null : groupIds.get(plan.group());
            if (plan.kind() == JobPlan.Kind.CREATE && groupId != null) {
                List<Long> existing = tasks.idsNamed(groupId, plan.taskName());
                if (!existing.isEmpty()) {
                    plan = plan.withKind(JobPlan.Kind.EXISTS, existing.get(0));
                }
            }
            byId.put(job.id(), plan);
        }
        return byId.values().stream().map(plan -> checkChildren(plan, byId)).toList();
    }

    /** A child that is not in the source is a bad row; one that is not carried over, a note. */
    private static JobPlan checkChildren(JobPlan plan, Map<Integer, JobPlan> byId) {
        if (plan.kind() != JobPlan.Kind.CREATE) {
            return plan;
        }
        for (Integer child : plan.childJobIds()) {
            JobPlan target = byId.get(child);
            if (target == null) {
                return plan.withError("child job " + child + " is not in xxl_job_info");
            }
            if (target.kind() == JobPlan.Kind.NOT_CARRIED) {
                plan = plan.withNote("child xxl-job #" + child + " is not carried over, so this task will not fire it");
            }
        }
        return plan;
    }

    private static TaskDefinition withChildren(TaskDefinition d, List<Long> children) {
        return new TaskDefinition(
                d.name(),
                d.beanName(),
                d.cron(),
                d.cronFlavour(),
                d.timeZone(),
                d.fixedRate(),
                d.fixedDelay(),
                d.runAt(),
                d.params(),
                d.retry(),
                d.maxRetries(),
                d.timeoutSeconds(),
                children,
                d.paramsSensitive(),
                d.priority(),
                d.execution());
    }
}
