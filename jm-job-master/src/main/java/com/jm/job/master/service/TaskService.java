package com.jm.job.master.service;

import com.jm.job.master.clock.DatabaseClock;
import com.jm.job.master.cron.CronSchedule;
import com.jm.job.master.domain.RunRecord;
import com.jm.job.master.domain.TaskFilter;
import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.domain.Trigger;
import com.jm.job.master.errors.ConflictException;
import com.jm.job.master.errors.InvalidFieldException;
import com.jm.job.master.errors.NotFoundException;
import com.jm.job.master.index.PendingChanges;
import com.jm.job.master.security.ParamsCipher;
import com.jm.job.master.store.GroupMapper;
import com.jm.job.master.store.RunMapper;
import com.jm.job.master.store.TaskMapper;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
    private final RunMapper runs;
    private final CronSchedule cronSchedule;
    private final PendingChanges changes;
    private final DatabaseClock databaseClock;
    private final ParamsCipher paramsCipher;

    public TaskService(
            TaskMapper tasks,
            GroupMapper groups,
            RunMapper runs,
            CronSchedule cronSchedule,
            PendingChanges changes,
            DatabaseClock databaseClock,
            ParamsCipher paramsCipher) {
        this.tasks = tasks;
        this.groups = groups;
        this.runs = runs;
        this.cronSchedule = cronSchedule;
        this.changes = changes;
        this.databaseClock = databaseClock;
        this.paramsCipher = paramsCipher;
    }

    /** Registers a task: pending at once without cron, otherwise waiting for its first fire time. */
    @Transactional
    public TaskRecord insert(long groupId, TaskDefinition definition) {
        if (groups.findById(groupId) == null) {
            throw new InvalidFieldException(
                    "groupId", "no group with id " + groupId + "; create it with POST /api/groups");
        }
        TaskRecord task = new TaskRecord();
        task.setGroupId(groupId);
        apply(definition, task);
        if (definition.cron() == null) {
            task.setStatus(TaskStatus.PENDING);
            task.setPendingCause(Trigger.INSERT);
        } else {
            task.setStatus(TaskStatus.NOT_STARTED);
        }
        try {
            tasks.insert(task);
        } catch (DataIntegrityViolationException e) {
            if (groups.findById(groupId) != null) {
                throw e;
            }
            // The group went away between the check and the insert (foreign key).
            throw new InvalidFieldException("groupId", "no group with id " + groupId);
        }
        return signalled(tasks.findById(task.getId()));
    }

    @Transactional(readOnly = true)
    public TaskRecord get(long id) {
        return require(id);
    }

    @Transactional(readOnly = true)
    public Page<TaskRecord> list(TaskFilter filter, PageRequest page) {
        return new Page<>(
                tasks.list(filter, page.offset(), page.size()), page.page(), page.size(), tasks.count(filter));
    }

    /** Changes a task's definition; refused while it runs or when {@code expectedVersion} is stale. */
    @Transactional
    public TaskRecord update(long id, TaskDefinition definition, Long expectedVersion) {
        TaskRecord task = new TaskRecord();
        task.setId(id);
        apply(definition, task);
        if (tasks.update(task, expectedVersion) == 1) {
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
        tasks.setDisabled(id, true);
        TaskRecord task = require(id);
        changes.notPending(task.getGroupId(), id);
        return task;
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

    @Transactional(readOnly = true)
    public Page<RunRecord> runs(long taskId, PageRequest page) {
        require(taskId);
        return new Page<>(
                runs.listByTask(taskId, page.offset(), page.size()),
                page.page(),
                page.size(),
                runs.countByTask(taskId));
    }

    private void apply(TaskDefinition definition, TaskRecord task) {
        if (definition.paramsSensitive() && !paramsCipher.isConfigured()) {
            throw new InvalidFieldException(
                    "paramsSensitive",
                    "this master has no key to encrypt sensitive params with; set"
                            + " jm.job.master.security.params-keys[0].id and .key (openssl rand -base64 32), or"
                            + " send the params without paramsSensitive");
        }
        if (definition.timeZone() != null && definition.cron() == null) {
            throw new InvalidFieldException(
                    "timeZone", "timeZone applies to a cron expression; give a cron or drop it");
        }
        if (definition.cron() != null) {
            cronSchedule.validate(definition.cron(), definition.timeZone());
            LocalDateTime next = cronSchedule.nextFireTime(
                    definition.cron(),
                    definition.timeZone(),
                    databaseClock.now().toInstant(ZoneOffset.UTC));
            if (next == null) {
                throw new InvalidFieldException("cron", "cron expression '" + definition.cron() + "' never fires");
            }
            task.setNextFireTime(next);
        }
        task.setName(definition.name());
        task.setBeanName(definition.beanName());
        task.setCron(definition.cron());
        task.setCronZone(definition.timeZone());
        task.setParams(stored(definition));
        task.setParamsSensitive(definition.paramsSensitive());
        task.setRetry(definition.retry());
        task.setMaxRetries(definition.maxRetries());
        task.setTimeoutS(definition.timeoutSeconds());
    }

    /** Params as stored: encrypted when sensitive. */
    private String stored(TaskDefinition definition) {
        return definition.paramsSensitive() && definition.params() != null
                ? paramsCipher.encrypt(definition.params())
                : definition.params();
    }

    /**
     * After commit, queues the task and wakes the group's held polls when it is claimable, and wakes
     * the cron loop when the task has a schedule (its slot may be earlier than the one it sleeps for).
     */
    private TaskRecord signalled(TaskRecord task) {
        if (task.getStatus() == TaskStatus.PENDING && !task.isDisable()) {
            changes.pending(task.getGroupId(), task.getId(), task.getNextFireTime());
        }
        if (task.getCron() != null) {
            changes.scheduleChanged();
        }
        return task;
    }

    private TaskRecord require(long id) {
        TaskRecord task = tasks.findById(id);
        if (task == null) {
            throw NotFoundException.of("task", id);
        }
        return task;
    }
}
