package com.jm.job.master.service;

import com.jm.job.master.domain.TaskFilter;
import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.domain.Trigger;
import com.jm.job.master.errors.ConflictException;
import com.jm.job.master.errors.InvalidFieldException;
import com.jm.job.master.errors.NotFoundException;
import com.jm.job.master.fire.FireCompletion;
import com.jm.job.master.index.Lane;
import com.jm.job.master.index.PendingChanges;
import com.jm.job.master.index.PendingIndex;
import com.jm.job.master.store.GroupMapper;
import com.jm.job.master.store.TaskMapper;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operators' task operations. Writes run on the primary and answer with the row as the write
 * left it; reads marked read-only may be served by a replica.
 */
@Service
public class TaskService {

    private final TaskMapper tasks;
    private final GroupMapper groups;
    private final ScheduleRules scheduleRules;
    private final ChildRules childRules;
    private final PendingChanges changes;
    private final ParamsRules paramsRules;
    private final ExecutionRules executionRules;
    private final FireCompletion fires;
    private final PendingReasons pendingReasons;
    private final TaskBatch inserts;

    public TaskService(
            TaskMapper tasks,
            GroupMapper groups,
            ScheduleRules scheduleRules,
            ChildRules childRules,
            ParamsRules paramsRules,
            ExecutionRules executionRules,
            FireCompletion fires,
            PendingReasons pendingReasons,
            PendingChanges changes,
            TaskBatch inserts) {
        this.inserts = inserts;
        this.pendingReasons = pendingReasons;
        this.fires = fires;
        this.executionRules = executionRules;
        this.tasks = tasks;
        this.groups = groups;
        this.scheduleRules = scheduleRules;
        this.childRules = childRules;
        this.changes = changes;
        this.paramsRules = paramsRules;
    }

    /** Registers a task: pending at once without a schedule, otherwise waiting for its first fire time. */
    @Transactional
    public TaskRecord insert(long groupId, TaskDefinition definition) {
        if (groups.findById(groupId) == null) {
            throw new InvalidFieldException(
                    "groupId", "no group with id " + groupId + "; create it with POST /api/groups");
        }
        TaskRecord task = newTask(groupId, definition);
        childRules.check(null, definition.childTaskIds());
        try {
            tasks.insert(task);
        } catch (DataIntegrityViolationException e) {
            if (groups.findById(groupId) != null) {
                throw e;
            }
            // The group went away between the check and the insert (foreign key).
            throw new InvalidFieldException("groupId", "no group with id " + groupId);
        }
        childRules.add(task.getId(), definition.childTaskIds());
        return signalled(tasks.findById(task.getId()));
    }

    /** One task of a batch: its group and definition. */
    public record NewTask(long groupId, TaskDefinition definition) {}

    /**
     * Registers every task of {@code batch} in this one transaction, or none: the first that breaks
     * a rule fails the whole batch, its field named with its index ({@code tasks[3].groupId}).
     * Every task is checked before any is written, then all are inserted together (a fixed number
     * of statements, see {@link TaskBatch}); index entries and wake-ups follow the commit, one
     * announcement per group.
     */
    @Transactional
    public List<TaskRecord> insertAll(List<NewTask> batch) {
        inserts.checkGroups(batch.stream().map(NewTask::groupId).toList());
        List<TaskRecord> rows = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            try {
                rows.add(newTask(batch.get(i).groupId(), batch.get(i).definition()));
                childRules.check(null, batch.get(i).definition().childTaskIds());
            } catch (InvalidFieldException e) {
                throw InvalidFieldException.ofItem(i, e);
            }
        }
        List<TaskRecord> stored;
        try {
            stored = inserts.insert(rows);
        } catch (DataIntegrityViolationException e) {
            // A group went away between the check and the insert (foreign key): name the first.
            inserts.checkGroups(batch.stream().map(NewTask::groupId).toList());
            throw e;
        }
        Map<Long, List<Long>> children = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            children.put(stored.get(i).getId(), batch.get(i).definition().childTaskIds());
        }
        childRules.addAll(children);
        return signalled(stored);
    }

    @Transactional(readOnly = true)
    public TaskRecord get(long id) {
        return filled(List.of(require(id))).get(0);
    }

    @Transactional(readOnly = true)
    public Page<TaskRecord> list(TaskFilter filter, PageRequest page) {
        // Counted first: which end of the list is nearer depends on it (one snapshot for both).
        long total = tasks.count(filter);
        PageSlice slice = PageSlice.of(page, total);
        List<TaskRecord> rows =
                slice.limit() == 0 ? List.of() : tasks.list(filter, slice.offset(), slice.limit(), slice.oldestFirst());
        if (slice.oldestFirst()) {
            rows = new ArrayList<>(rows);
            Collections.reverse(rows);
        }
        return new Page<>(filled(rows), page.page(), page.size(), total);
    }

    /** Changes a task's definition; refused while it runs or when {@code expectedVersion} is stale. */
    @Transactional
    public TaskRecord update(long id, TaskDefinition definition, Long expectedVersion) {
        TaskRecord task = new TaskRecord();
        task.setId(id);
        apply(definition, task);
        childRules.check(id, definition.childTaskIds());
        if (tasks.update(task, expectedVersion) == 1) {
            childRules.replace(id, definition.childTaskIds());
            return signalled(tasks.findById(id));
        }
        TaskRecord current = require(id);
        if (current.getStatus() == TaskStatus.RUNNING) {
            throw new ConflictException("task " + id + " is running (run " + current.getRunId()
                    + "); change it after the run ends (disable it to have the run cancelled)");
        }
        if (expectedVersion != null && expectedVersion != current.getVersion()) {
            throw new ConflictException("task " + id + " is at version " + current.getVersion() + ", not "
                    + expectedVersion + "; read it again and resend");
        }
        throw new ConflictException("task " + id + " changed concurrently; try again");
    }

    /** Takes a task out of the queue at once; idempotent. */
    @Transactional
    public TaskRecord disable(long id) {
        boolean firing = fires.lockUnits(id);
        tasks.setDisabled(id, true);
        // No units yet may mean a claim held the task while it started a fire and had not inserted
        // them: the task's lock just taken waited for that claim's commit, so they are visible now,
        // and no other fire can start while this transaction holds the task. (Locking units after
        // the task reverses a finish's order: only a unit of that brand-new fire finishing at this
        // moment could meet it, and InnoDB would roll one of the two back; a node sends its report
        // again, an operator the disable.)
        if (firing || fires.lockUnits(id)) {
            fires.disabled(id);
        }
        TaskRecord task = require(id);
        changes.notPending(Lane.of(task.getGroupId(), null, task.getTags()), id);
        return filled(List.of(task)).get(0);
    }

    /** Puts a disabled task back; idempotent. */
    @Transactional
    public TaskRecord enable(long id) {
        tasks.setDisabled(id, false);
        return signalled(require(id));
    }

    /** Makes a task due now (a fresh attempt count); refused while it runs or is disabled. */
    @Transactional
    public TaskRecord retry(long id) {
        if (tasks.retryNow(id) == 1) {
            return signalled(tasks.findById(id));
        }
        TaskRecord current = require(id);
        if (current.isDisable()) {
            throw new ConflictException("task " + id + " is disabled; enable it before retrying");
        }
        if (current.getStatus() == TaskStatus.RUNNING) {
            throw new ConflictException(
                    "task " + id + " is running (run " + current.getRunId() + "); retry it after the run ends");
        }
        throw new ConflictException("task " + id + " changed concurrently; try again");
    }

    /**
     * Starts a manual fire now with {@code params} for that fire only (null: the task's own); the
     * task's params stay as they are. Refused while it runs, is disabled, or its group is paused.
     */
    @Transactional
    public TaskRecord trigger(long id, String params) {
        TaskRecord task = require(id);
        if (tasks.trigger(id, paramsRules.stored(task.isParamsSensitive(), params)) == 1) {
            return signalled(tasks.findById(id));
        }
        TaskRecord current = require(id);
        if (current.isDisable()) {
            throw new ConflictException("task " + id + " is disabled; enable it before triggering it");
        }
        if (current.getStatus() == TaskStatus.RUNNING) {
            throw new ConflictException(
                    "task " + id + " is running (run " + current.getRunId() + "); trigger it after the run ends");
        }
        if (groups.findById(current.getGroupId()).isPaused()) {
            throw new ConflictException("group " + current.getGroupId() + " is paused; resume it (POST /api/groups/"
                    + current.getGroupId() + "/resume) first");
        }
        throw new ConflictException("task " + id + " changed concurrently; try again");
    }

    private void apply(TaskDefinition definition, TaskRecord task) {
        scheduleRules.apply(definition, task);
        paramsRules.apply(definition, task);
        executionRules.apply(definition, task);
        task.setName(definition.name());
        task.setBeanName(definition.beanName());
        task.setRetry(definition.retry());
        task.setMaxRetries(definition.maxRetries());
        task.setTimeoutS(definition.timeoutSeconds());
        task.setPriority(definition.priority());
    }

    /** A task of {@code groupId} as {@code definition} has it, not yet inserted. */
    private TaskRecord newTask(long groupId, TaskDefinition definition) {
        TaskRecord task = new TaskRecord();
        task.setGroupId(groupId);
        apply(definition, task);
        if (task.getNextFireTime() == null) {
            task.setStatus(TaskStatus.PENDING);
            task.setPendingCause(Trigger.INSERT);
        } else {
            task.setStatus(TaskStatus.NOT_STARTED);
        }
        return task;
    }

    /** {@link #signalled(List)} for one task written. */
    private TaskRecord signalled(TaskRecord written) {
        return signalled(List.of(written)).get(0);
    }

    /**
     * After commit, queues the tasks that are claimable and wakes their groups' held polls (one
     * announcement per group, with its count), and wakes the cron loop once when any has a schedule
     * (its slot may be earlier than the one the loop sleeps for).
     */
    private List<TaskRecord> signalled(List<TaskRecord> written) {
        Map<Long, Map<Lane, List<PendingIndex.Entry>>> due = new LinkedHashMap<>();
        boolean scheduled = false;
        for (TaskRecord task : written) {
            if (task.getStatus() == TaskStatus.PENDING && !task.isDisable()) {
                due.computeIfAbsent(task.getGroupId(), g -> new LinkedHashMap<>())
                        .computeIfAbsent(Lane.of(task.getGroupId(), null, task.getTags()), l -> new ArrayList<>())
                        .add(new PendingIndex.Entry(
                                task.getId(),
                                task.getPriority(),
                                task.getNextFireTime().toInstant(ZoneOffset.UTC)));
            }
            scheduled |= task.getNextFireTime() != null && task.getStatus() == TaskStatus.NOT_STARTED;
        }
        due.forEach(changes::pendingAll);
        if (scheduled) {
            changes.scheduleChanged();
        }
        return filled(written);
    }

    /** The tasks with what is not a column of their row: their children and shard parameters. */
    private List<TaskRecord> filled(List<TaskRecord> records) {
        records.forEach(t -> t.setShardParamValues(executionRules.shardParams(t)));
        pendingReasons.fill(records);
        return childRules.fill(records);
    }

    private TaskRecord require(long id) {
        TaskRecord task = tasks.findById(id);
        if (task == null) {
            throw NotFoundException.of("task", id);
        }
        return task;
    }
}
