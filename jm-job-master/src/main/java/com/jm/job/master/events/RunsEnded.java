package com.jm.job.master.events;

import com.jm.job.master.domain.RunState;
import java.util.List;
import java.util.Map;

/**
 * Runs that ended in one transaction (a finish report or lease recovery), published inside it so
 * that a listener's writes (the alarms' event rows) commit or roll back with the runs' ends, and a
 * run's end, applied once on whichever master, is seen once. Listeners must be cheap: the
 * transaction holds the tasks' row locks.
 *
 * <p>The units of a fire of several runs (broadcast, sharded) are not listed: their fire is, once,
 * when it ends, with how its failed units ended.
 */
public record RunsEnded(List<Ended> runs) {

    /**
     * One run's end.
     *
     * @param taskId the task (for a unit of a fire of several runs, the task whose fire it is)
     * @param groupId the task's group
     * @param runId the run
     * @param state how it ended
     * @param taskInError whether its task went to ERROR with it (no automatic retry left)
     * @param message the run's message, already cut to length
     * @param failedUnits for the end of a fire of several runs: how many of its failed units ended
     *     their last run in each state; empty for any other run
     */
    public record Ended(
            long taskId,
            long groupId,
            long runId,
            RunState state,
            boolean taskInError,
            String message,
            Map<RunState, Integer> failedUnits) {}
}
