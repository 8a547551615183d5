package com.jm.job.master.importer;

import com.jm.job.master.domain.GroupRecord;
import com.jm.job.master.service.TaskDefinition;
import com.jm.job.master.service.TaskService;
import com.jm.job.master.store.GroupMapper;
import com.jm.job.master.store.TaskMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes what an import planned, whatever the source: groups, then tasks through the same {@link
 * TaskService} as the API (so every rule of a task applies), then child tasks and disables. All or
 * nothing: one transaction, refused whole when a row is bad. Idempotent: a job whose task (by its
 * name, which carries the source's key) is in its group already is left alone, and imports into one
 * group are serialised on the group's row, so two at once cannot both create a task.
 */
@Service
public class TaskImport {

    /** Plans a source's jobs, given a way to find the tasks an earlier import created. */
    @FunctionalInterface
    interface Planner {
        List<JobPlan> plan(Existing existing);
    }

    /** The tasks already in the master, by group and task name. */
    @FunctionalInterface
    interface Existing {
        /** The id of the task of that name in that group, or {@code null}. */
        Long find(String group, String taskName);

        /** The plan, as {@link JobPlan.Kind#EXISTS} when its task is there already. */
        default JobPlan mark(JobPlan plan) {
            if (plan.kind() != JobPlan.Kind.CREATE || plan.group() == null) {
                return plan;
            }
            Long id = find(plan.group(), plan.taskName());
            return id == null ? plan : plan.withKind(JobPlan.Kind.EXISTS, id);
        }
    }

    private final GroupMapper groups;
    private final TaskMapper tasks;
    private final TaskService taskService;

    public TaskImport(GroupMapper groups, TaskMapper tasks, TaskService taskService) {
        this.groups = groups;
        this.tasks = tasks;
        this.taskService = taskService;
    }

    /** What an import would do; writes nothing. */
    @Transactional(readOnly = true)
    public ImportPlan dryRun(String system, List<String> groupNames, Planner planner) {
        Map<String, Long> groupIds = new HashMap<>();
        for (String name : groupNames) {
            GroupRecord group = groups.findByName(name);
            if (group != null) {
                groupIds.put(name, group.getId());
            }
        }
        return new ImportPlan(system, groupNames, planner.plan(existing(groupIds)), false);
    }

    /**
     * Imports, in one transaction.
     *
     * @throws ImportRefusedException with the plan, when a row is bad: nothing is written
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public ImportPlan apply(String system, List<String> groupNames, Planner planner) {
        Map<String, Long> groupIds = new HashMap<>();
        // In name order, so two imports lock the rows in the same order and never deadlock.
        for (String name : new TreeSet<>(groupNames)) {
            groupIds.put(name, lockOrCreate(name));
        }
        List<JobPlan> planned = planner.plan(existing(groupIds));
        if (planned.stream().anyMatch(j -> j.kind() == JobPlan.Kind.ERROR)) {
            throw new ImportRefusedException(new ImportPlan(system, groupNames, planned, false));
        }
        Map<String, Long> taskIds = new HashMap<>();
        List<JobPlan> done = new ArrayList<>();
        for (JobPlan job : planned) {
            if (job.kind() == JobPlan.Kind.CREATE) {
                long id = taskService
                        .insert(groupIds.get(job.group()), job.definition())
                        .getId();
                job = job.withKind(JobPlan.Kind.CREATE, id);
            }
            if (job.taskId() != null) {
                taskIds.put(job.key(), job.taskId());
            }
            done.add(job);
        }
        for (JobPlan job : done) {
            if (job.kind() != JobPlan.Kind.CREATE) {
                continue;
            }
            if (!job.childKeys().isEmpty()) {
                List<Long> children = job.childKeys().stream()
                        .filter(taskIds::containsKey)
                        .map(taskIds::get)
                        .toList();
                taskService.update(job.taskId(), withChildren(job.definition(), children), null);
            }
            if (!job.enabled()) {
                taskService.disable(job.taskId());
            }
        }
        return new ImportPlan(system, groupNames, done, true);
    }

    private Existing existing(Map<String, Long> groupIds) {
        return (group, taskName) -> {
            Long groupId = groupIds.get(group);
            if (groupId == null) {
                return null;
            }
            List<Long> ids = tasks.idsNamed(groupId, taskName);
            return ids.isEmpty() ? null : ids.get(0);
        };
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
