package com.jm.job.master.fire;

import com.jm.job.master.domain.RunState;
import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.outcome.RunCompletion;
import com.jm.job.master.store.FireMapper;
import com.jm.job.master.store.RunningTask;
import com.jm.job.master.store.UnitCount;
import com.jm.job.master.store.UnitEnd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * fire: exactly once. On MariaDB a finish first looks for an unfinished unit that no other
 * transaction holds (share-locking it, skipping locked ones); finding one, it leaves the fire to
 * whoever ends that unit and does not queue on the task at all, so only the finishes near a
 * fire's end take turns on its task row.
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
                .filter(e -> e.task().getUnitOf() != null)
                .map(e -> new Fire(e.task().getUnitOf(), e.task().getFireRunId()))
                .distinct()
                .toList());
    }

    /** A fire of several runs: its task and its record run. */
    public record Fire(long taskId, long runId) {}

    /**
     * Ends those of {@code ended} whose units have all ended (or that have none). A fire its task
     * is RUNNING on moves the task on; a fire that ran beside its task (overlap PARALLEL, the task
     * back at its schedule) ends its record only.
     */
    public void endFinished(List<Fire> ended) {
        // A fire with a unit nobody is ending now ends later, with that unit: no need to queue on
        // its task, which every finish of the fire's units would otherwise take in turn.
        List<Fire> mayBeOver = ended.stream()
                .distinct()
                .filter(f -> fires.unlockedUnfinishedUnit(f.taskId(), f.runId()) == null)
                .toList();
        if (mayBeOver.isEmpty()) {
            return;
        }
        List<Long> taskIds =
                mayBeOver.stream().map(Fire::taskId).distinct().sorted().toList();
        Map<Long, RunningTask> locked = fires.lockFireTasks(taskIds).stream()
                .collect(Collectors.toMap(RunningTask::getId, Function.identity()));
        List<RunCompletion.Ending> taskEndings = new ArrayList<>();
        List<RunCompletion.Ending> recordEndings = new ArrayList<>();
        for (Fire fire :
                mayBeOver.stream().sorted(Comparator.comparing(Fire::runId)).toList()) {
            RunningTask task = locked.get(fire.taskId());
            // Every finish of a unit asks, and nearly always some unit is still to run: one index
            // row answers that, where counting the fire's units read all of them (10,000 rows per
            // finish batch of a 10,000-shard fire, with the task locked meanwhile). The count is
            // read once, for the fire's message and state, when nothing is left.
            if (task == null || fires.hasUnfinishedUnit(fire.taskId(), fire.runId())) {
                continue;
            }
            UnitCount units = fires.unitCount(fire.taskId(), fire.runId());
            // Read while the units are there: the fire's end tells how its failed units ended.
            Map<RunState, Integer> failedUnits = units == null || units.getFailed() == 0
                    ? Map.of()
                    : fires.failedUnitEnds(fire.taskId(), fire.runId()).stream()
                            .collect(
                                    Collectors.toMap(UnitEnd::getState, UnitEnd::getUnits, Integer::sum, TreeMap::new));
            fires.moveUnitRuns(fire.runId(), fire.taskId());
            fires.deleteUnitsOfFire(fire.taskId(), fire.runId());
            String message = message(units, failedUnits);
            if (task.getStatus() == TaskStatus.RUNNING && task.getNodeId() == 0 && task.getRunId() == fire.runId()) {
                // Each run had its own retries; a fire is never run again as a whole, which would
                // run the units that succeeded a second time.
                task.setRetry(false);
                taskEndings.add(new RunCompletion.Ending(task, state(units), ranFor(task), message, failedUnits));
            } else {
                // Its record ends only if still RUNNING (the statement's condition), so a fire
                // ended before is not ended twice.
                RunningTask record = new RunningTask();
                record.setId(task.getId());
                record.setRunId(fire.runId());
                record.setGroupId(task.getGroupId());
                record.setHasChildren(task.isHasChildren());
                recordEndings.add(new RunCompletion.Ending(record, state(units), null, message, failedUnits));
            }
        }
        runs.complete(taskEndings);
        runs.endFireRecords(recordEndings);
    }

    /**
     * Before an operator's disable of {@code taskId} locks the task: locks its units, the order a
     * finish takes them in. Answers whether a fire of it is running.
     */
    public boolean lockUnits(long taskId) {
        return !fires.lockUnitsOf(taskId).isEmpty();
    }

    /**
     * After the disable: no unit of its fires starts again, running ones are told to stop at their
     * next heartbeat, and each fire ends now if none of its units is running.
     */
    public void disabled(long taskId) {
        List<Fire> running = fires.runningFires(taskId).stream()
                .map(runId -> new Fire(taskId, runId))
                .toList();
        fires.disableUnits(taskId);
        endFinished(running);
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

    private static String message(UnitCount units, Map<RunState, Integer> failedUnits) {
        if (units == null) {
            return "the fire had no runs: no enabled, online node of the group had the task's tags";
        }
        String counts = units.getSucceeded() + " of " + units.getTotal() + " runs succeeded";
        if (units.getFailed() > 0) {
            counts += ", " + units.getFailed() + " failed";
            if (!failedUnits.isEmpty()) {
                counts += failedUnits.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey())
                        .collect(Collectors.joining(", ", " (", ")"));
            }
        }
        if (units.cancelled() > 0) {
            counts += ", " + units.cancelled() + " cancelled or never started (the task was disabled)";
        }
        return counts;
    }
}
