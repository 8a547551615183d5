package com.jm.job.master.outcome;

import com.jm.job.master.domain.RunState;
import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.events.RunsEnded;
import com.jm.job.master.index.Lane;
import com.jm.job.master.index.PendingChanges;
import com.jm.job.master.store.Batch;
import com.jm.job.master.store.FinishMapper;
import com.jm.job.master.store.FinishedRun;
import com.jm.job.master.store.RunningTask;
import com.jm.job.master.store.SkippedRun;
import com.jm.job.master.store.TaskTransition;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Ends runs and moves their (locked) tasks on, set-based: one statement for the runs and one per
 * kind of move for the tasks, whatever the batch size, plus one insert of the rows for skipped slots
 * when a fire in the batch overran some. Shared by node reports and lease recovery so both follow the
 * same state machine. Runs inside the caller's transaction.
 */
@Component
public class RunCompletion {

    private final FinishMapper finishes;
    private final OutcomePolicy policy;
    private final PendingChanges changes;
    private final ChildFires childFires;
    private final ApplicationEventPublisher events;

    public RunCompletion(
            FinishMapper finishes,
            OutcomePolicy policy,
            PendingChanges changes,
            ChildFires childFires,
            ApplicationEventPublisher events) {
        this.finishes = finishes;
        this.policy = policy;
        this.changes = changes;
        this.childFires = childFires;
        this.events = events;
    }

    /**
     * How one run ended.
     *
     * @param task the locked task whose current run it is
     * @param state the run's terminal state
     * @param durationMs how long it ran, or null for "since it started"
     * @param message its message, already cut to length
     * @param failedUnits for a fire's end: how its failed units ended (see {@link RunsEnded.Ended})
     */
    public record Ending(
            RunningTask task, RunState state, Long durationMs, String message, Map<RunState, Integer> failedUnits) {

        /** The end of a run that is not a fire's of several runs. */
        public Ending(RunningTask task, RunState state, Long durationMs, String message) {
            this(task, state, durationMs, message, Map.of());
        }
    }

    /**
     * Ends the record runs of fires that ran beside their task (overlap PARALLEL): the task has
     * moved on to its next slot already, so only the record ends, and a success fires the task's
     * children as any success does.
     */
    public void endFireRecords(List<Ending> endings) {
        if (endings.isEmpty()) {
            return;
        }
        finishes.endRuns(Batch.of(endings.stream()
                .map(e -> new FinishedRun(e.task().getRunId(), e.state(), e.durationMs(), e.message()))
                .toList()));
        // One call per fire: two fires of one task may end in one batch, and each is a fire of its own.
        endings.stream()
                .filter(e -> e.state() == RunState.SUCCEEDED && e.task().isHasChildren())
                .forEach(e -> childFires.fire(Map.of(e.task().getId(), e.task().getRunId())));
        publish(endings.stream()
                .map(e -> ended(e, false))
                .filter(e -> e.state() != RunState.SUCCEEDED)
                .toList());
    }

    public void complete(List<Ending> endings) {
        if (endings.isEmpty()) {
            return;
        }
        List<FinishedRun> runs = new ArrayList<>();
        List<TaskTransition> transitions = new ArrayList<>();
        List<SkippedRun> skipped = new ArrayList<>();
        List<RunsEnded.Ended> ended = new ArrayList<>();
        boolean cronChanged = false;
        Map<Long, Long> succeededParents = new LinkedHashMap<>();
        for (Ending ending : endings) {
            RunningTask task = ending.task();
            runs.add(new FinishedRun(task.getRunId(), ending.state(), ending.durationMs(), ending.message()));
            OutcomePolicy.Decision decision = policy.next(task, ending.state(), ending.durationMs(), ending.message());
            TaskTransition transition = decision.transition();
            transitions.add(transition);
            // A unit's end is part of its fire's, told once when the fire ends: an operator of a
            // 100-shard task wants one alarm for a failed fire, not one per shard and attempt.
            if (ending.state() != RunState.SUCCEEDED && task.getUnitOf() == null) {
                ended.add(ended(ending, transition.status() == TaskStatus.ERROR));
            }
            if (decision.skipped() != null) {
                skipped.add(decision.skipped());
            }
            if (transition.status() == TaskStatus.PENDING) {
                // The statement computes the exact due time from NOW(3); the index score is the
                // same arithmetic on the database time read when the task was locked (a claim
                // re-checks it, and a too-early candidate is put back with the real one).
                LocalDateTime due = task.getDbNow()
                        .plus(Duration.ofMillis(transition.delayMs() == null ? 0 : transition.delayMs()));
                changes.pending(
                        Lane.of(task.getGroupId(), task.getTargetNodeId(), task.getTags()),
                        task.getId(),
                        task.getPriority(),
                        due);
            }
            // A new fire time (a slot, or a fixed delay from now): the cron loop may sleep past it.
            cronChanged |= transition.status() == TaskStatus.NOT_STARTED
                    && (transition.fireAt() != null || transition.delayMs() != null);
            if (ending.state() == RunState.SUCCEEDED && task.isHasChildren()) {
                succeededParents.put(task.getId(), task.getRunId());
            }
        }
        finishes.endRuns(Batch.of(runs));
        // Grouped by where the tasks go (ignoring which task and run): one plain UPDATE per group.
        transitions.stream()
                .collect(Collectors.groupingBy(
                        t -> new TaskTransition(
                                0,
                                0,
                                t.status(),
                                t.fireAt(),
                                t.delayMs(),
                                t.pendingCause(),
                                t.lastError(),
                                t.resetAttempt()),
                        LinkedHashMap::new,
                        Collectors.mapping(TaskTransition::taskId, Collectors.toList())))
                .forEach((move, taskIds) -> finishes.moveAlike(move, Batch.of(taskIds)));
        if (!skipped.isEmpty()) {
            finishes.insertSkipped(skipped);
        }
        childFires.fire(succeededParents);
        if (cronChanged) {
            changes.scheduleChanged();
        }
        publish(ended);
    }

    /** Successes are left out: nothing listens for them, and they are nearly every run. */
    private void publish(List<RunsEnded.Ended> ended) {
        if (!ended.isEmpty()) {
            events.publishEvent(new RunsEnded(ended));
        }
    }

    private static RunsEnded.Ended ended(Ending ending, boolean taskInError) {
        RunningTask task = ending.task();
        return new RunsEnded.Ended(
                task.getId(),
                task.getGroupId(),
                task.getRunId(),
                ending.state(),
                taskInError,
                ending.message(),
                ending.failedUnits());
    }
}
