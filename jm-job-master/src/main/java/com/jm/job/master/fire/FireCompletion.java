package com.jm.job.master.fire;

import com.jm.job.master.domain.RunState;
import com.jm.job.master.outcome.RunCompletion;
import com.jm.job.master.store.FireMapper;
import com.jm.job.master.store.RunningTask;
import com.jm.job.master.store.UnitCount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Ends runs and, when a run was a fire's last unfinished unit, the fire: its record run ends (SUCCEEDED
 * when every unit did, FAILED when any used up its retries, CANCELLED when the task was disabled
 * before some started), the units' runs move onto the task, the units are deleted, and the task
 * moves on as after any run (its next slot, its children). Runs in the caller's transaction, which
 * holds the units' rows already; the tasks are locked after them, so concurrent finishes of one
 * fire's units queue on the task row and the last of them, seeing the others' units ended, ends the
 * fire: exactly once.
 */
@Component
public class FireCompletion {

    private final FireMapper fires;
    private final RunCompletion runs;

    public FireCompletion(FireMapper fires, RunCompletion runs) {
        this.fires = fires;
        this.runs = runs;
    }

    /** Ends the runs, then the fires whose units they were, where nothing of them is left to run. */
    public void complete(List<RunCompletion.Ending> endings) {
        runs.complete(endings);
        endFinished(endings.stream()
                .map(e -> e.task().getUnitOf())
                .filter(Objects::nonNull)
                .distinct()
                .sorted()
                .toList());
    }

    /** Ends the fires of those of {@code taskIds} whose units have all ended (or have none). */
    public void endFinished(List<Long> taskIds) {
        if (taskIds.isEmpty()) {
            return;
        }
        List<RunningTask> locked = fires.lockFires(taskIds);
        if (locked.isEmpty()) {
            return;
        }
        Map<Long, UnitCount> counts = fires
                .unitCounts(locked.stream().map(RunningTask::getId).toList())
                .stream()
                .collect(Collectors.toMap(UnitCount::getTaskId, Function.identity()));
        List<RunCompletion.Ending> endings = new ArrayList<>();
        for (RunningTask task : locked) {
            UnitCount units = counts.get(task.getId());
            if (units != null && units.getUnfinished() > 0) {
                continue;
            }
            // Each run had its own retries; a fire is never run again as a whole, which would run
            // the units that succeeded a second time.
            task.setRetry(false);
            fires.moveUnitRuns(task.getRunId(), task.getId());
            fires.deleteUnits(task.getId());
            endings.add(new RunCompletion.Ending(task, state(units), ranFor(task), message(units)));
        }
        runs.complete(endings);
    }

    /**
     * Before an operator's disable of {@code taskId} locks the task: locks its units, the order a
     * finish takes them in. Answers whether a fire of it is running.
     */
    public boolean lockUnits(long taskId) {
        return !fires.lockUnitsOf(taskId).isEmpty();
    }

    /**
     * After the disable: no unit of the fire starts again, running ones are told to stop at their
     * next heartbeat, and the fire ends now if none is running.
     */
    public void disabled(long taskId) {
        fires.disableUnits(taskId);
        endFinished(List.of(taskId));
    }

    /**
     * How long the fire ran, from its record's start to the database time read with the task: the
     * record's duration, and how the overlap rule tells a fire that started late (a misfire) from
     * one that ran long.
     */
    private static Long ranFor(RunningTask task) {
        if (task.getRunStartedAt() == null) {
            return null;
        }
        return Math.max(
                0, Duration.between(task.getRunStartedAt(), task.getDbNow()).toMillis());
    }

    private static RunState state(UnitCount units) {
        if (units == null || units.getFailed() > 0) {
            return RunState.FAILED;
        }
        return units.cancelled() > 0 ? RunState.CANCELLED : RunState.SUCCEEDED;
    }

    private static String message(UnitCount units) {
        if (units == null) {
            return "the fire had no runs: no enabled, online node of the group had the task's tags";
        }
        String counts = units.getSucceeded() + " of " + units.getTotal() + " runs succeeded";
        if (units.getFailed() > 0) {
            counts += ", " + units.getFailed() + " failed";
        }
        if (units.cancelled() > 0) {
            counts += ", " + units.cancelled() + " cancelled or never started (the task was disabled)";
        }
        return counts;
    }
}
