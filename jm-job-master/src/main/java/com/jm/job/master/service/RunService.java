package com.jm.job.master.service;

import com.jm.job.master.domain.RunRecord;
import com.jm.job.master.errors.NotFoundException;
import com.jm.job.master.store.RunMapper;
import com.jm.job.master.store.TaskMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A task's run history, newest first; may be served by a replica. */
@Service
public class RunService {

    private final TaskMapper tasks;
    private final RunMapper runs;

    public RunService(TaskMapper tasks, RunMapper runs) {
        this.tasks = tasks;
        this.runs = runs;
    }

    /** One run; a run of a fire of several runs is named by the task the fire is of. */
    @Transactional(readOnly = true)
    public RunRecord get(long runId) {
        RunRecord run = runs.findById(runId);
        if (run == null) {
            throw NotFoundException.of("run", runId);
        }
        return run;
    }

    @Transactional(readOnly = true)
    public Page<RunRecord> runs(long taskId, PageRequest page) {
        if (tasks.findById(taskId) == null) {
            throw NotFoundException.of("task", taskId);
        }
        return new Page<>(
                runs.listByTask(taskId, page.offset(), page.size()),
                page.page(),
                page.size(),
                runs.countByTask(taskId));
    }
}
