package com.jm.job.master.store;

import com.jm.job.master.domain.RunRecord;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Reads and writes {@code jm_task_run}, the execution history. */
@Mapper
public interface RunMapper {

    /** A task's runs, newest first. */
    List<RunRecord> listByTask(@Param("taskId") long taskId, @Param("offset") long offset, @Param("limit") int limit);

    long countByTask(long taskId);

    /** A run, named by the task an operator sees: a unit's run by the task whose fire it is part of; null if none. */
    RunRecord findById(long id);

    /**
     * Runs that ended in the last hour by the database clock, per minute ago (0 the current
     * minute): how many, and how many of them failed (FAILED, TIMED_OUT, LOST). Executions only: a
     * fire's own record and SKIPPED slots are left out.
     */
    List<RunMinute> endedPerMinute();

    /** The latest failed runs (FAILED, TIMED_OUT, LOST) of the last hour, newest first. */
    List<FailedRun> latestFailures(@Param("limit") int limit);

    /** Which task and node each of {@code runIds} belongs to (primary-key lookups, no locks). */
    List<RunOwner> owners(@Param("runIds") Batch<Long> runIds);
}
