package com.jm.job.master.store;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/**
 * Applies a batch of finished runs set-based: lock the tasks whose current run is reported (tasks
 * first, the same order a claim takes locks in), end the runs, move the tasks on.
 */
@Mapper
public interface FinishMapper {

    /**
     * Locks the running tasks whose current run is one of {@code runIds}. The tasks are found by
     * primary key ({@code taskIds}, from the run rows), so only they are locked: through a
     * secondary index InnoDB could lock other nodes' running tasks too and deadlock their reports.
     */
    List<RunningTask> lockRunningByRun(@Param("taskIds") List<Long> taskIds, @Param("runIds") List<Long> runIds);

    /** Ends runs still RUNNING; a resent outcome finds its run ended and changes nothing. */
    int endRuns(@Param("runs") Batch<FinishedRun> runs);

    /**
     * Records slots that overlap policies skipped, one row per fire that skipped some (see {@link
     * SkippedRun}): written only when a fire overran a slot, so ordinary finishes never run it.
     */
    int insertSkipped(@Param("runs") List<SkippedRun> runs);

    /**
     * Moves tasks that leave RUNNING the same way (same status, due time, cause, error) with one
     * plain set-based UPDATE: a batch of finished runs is mostly a handful of such groups.
     */
    int moveAlike(@Param("move") TaskTransition move, @Param("taskIds") Batch<Long> taskIds);
}
