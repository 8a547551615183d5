package com.jm.job.master.store;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Reads and writes run logs: {@code jm_run_log} and the log counters of {@code jm_task_run}. */
@Mapper
public interface RunLogMapper {

    /** The run's log counters with its row locked (the one place a run's log offsets are handed out), or null. */
    RunLogState lockRun(long runId);

    /**
     * The log counters of those of the runs whose rows are free, locked in id order; rows another
     * transaction holds are left out, never waited for (as are runs that do not exist).
     */
    List<RunLogState> lockFreeRuns(@Param("runIds") List<Long> runIds);

    /** The run's log counters and state, or null when there is no such run. */
    RunLogState find(long runId);

    /** Appends lines to their runs' logs ({@code runId}), numbered by their {@code seq}. */
    int insertLines(@Param("lines") List<RunLogLine> lines);

    /** Moves the runs' counters on after {@link #insertLines}, in the same transaction: one statement. */
    int addToCounts(@Param("runs") List<RunLogCounts> runs);

    /** Up to {@code limit} lines of a run from line {@code offset} on, in order. */
    List<RunLogLine> read(@Param("runId") long runId, @Param("offset") long offset, @Param("limit") int limit);

    /** Deletes up to {@code limit} log lines of the given runs; answers how many went. */
    int deleteOfRuns(@Param("runIds") List<Long> runIds, @Param("limit") int limit);
}
