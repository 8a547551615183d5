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

    /** Locks the running tasks whose current run is one of {@code runIds}. */
    List<RunningTask> lockRunningByRun(@Param("runIds") List<Long> runIds);

    /** Ends runs still RUNNING; a resent outcome finds its run ended and changes nothing. */
    int endRuns(@Param("runs") List<FinishedRun> runs);

    /** Moves each task on from its finished run. */
    int moveTasks(@Param("transitions") List<TaskTransition> transitions);
}
