package com.jm.job.master.outcome;

import com.jm.job.common.protocol.RunResult;
import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.domain.RunState;
import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.domain.Trigger;
import com.jm.job.master.store.RunningTask;
import com.jm.job.master.store.SkippedRun;
import com.jm.job.master.store.TaskTransition;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Where a finished run leaves its task (the state machine's arrows out of RUNNING):
 * success → not started (a scheduled task waits for its next fire, see {@link OverlapRule} for the
 * slots that fell due meanwhile); failure, time-out or a lost node →
 * pending again after an exponential back-off while automatic retries are left, else error;
 * cancelled → pending, so an operator's enable (or another node) picks it up again.
 */
@Component
public class OutcomePolicy {

    private final OverlapRule overlap;
    private final JmJobMasterProperties properties;

    public OutcomePolicy(OverlapRule overlap, JmJobMasterProperties properties) {
        this.overlap = overlap;
        this.properties = properties;
    }

    /**
     * Where a run's end leaves its task.
     *
     * @param transition the task's move
     * @param skipped the history row for slots the ended fire left out, or null (nearly always)
     */
    public record Decision(TaskTransition transition, SkippedRun skipped) {}

    /** The run state a node's reported result stands for. */
    public static RunState runState(RunResult result) {
        return switch (result) {
            case SUCCEEDED -> RunState.SUCCEEDED;
            case FAILED -> RunState.FAILED;
            case CANCELLED -> RunState.CANCELLED;
            case TIMED_OUT -> RunState.TIMED_OUT;
        };
    }

    /**
     * Where a run that ended in {@code state} leaves its task. Only a success ends a fire and so
     * looks at the slots that fell due during it: a retry or a cancelled run's second go is the same
     * fire, and an error leaves the task out of its schedule until an operator retries it.
     *
     * @param durationMs how long the run took by its node's report, or null when unknown
     */
    public Decision next(RunningTask task, RunState state, Long durationMs, String message) {
        return switch (state) {
            case SUCCEEDED -> idle(task, durationMs);
            case CANCELLED ->
                new Decision(
                        new TaskTransition(
                                task.getId(),
                                task.getRunId(),
                                TaskStatus.PENDING,
                                null,
                                0L,
                                Trigger.RETRY,
                                message,
                                false),
                        null);
            case FAILED, TIMED_OUT, LOST -> new Decision(failed(task, message), null);
            case RUNNING, SKIPPED -> throw new IllegalArgumentException("a run cannot end as " + state);
            // Lease recovery moves undelivered runs' tasks itself: no attempt was used, no back-off.
            case UNDELIVERED -> throw new IllegalArgumentException("an undelivered run's task is redelivered");
        };
    }

    /** Delay before retry number {@code attempt} (1-based): base × 2^(attempt-1), capped. */
    public Duration backoff(int attempt) {
        Duration base = properties.getRetryBackoffBase();
        Duration max = properties.getRetryBackoffMax();
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        Duration delay = base.multipliedBy(1L << shift);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    private TaskTransition failed(RunningTask task, String message) {
        if (task.isRetry() && task.getAttempt() <= task.getMaxRetries()) {
            return new TaskTransition(
                    task.getId(),
                    task.getRunId(),
                    TaskStatus.PENDING,
                    null,
                    backoff(task.getAttempt()).toMillis(),
                    Trigger.RETRY,
                    message,
                    false);
        }
        return new TaskTransition(task.getId(), task.getRunId(), TaskStatus.ERROR, null, null, null, message, false);
    }

    /**
     * Success: idle until the schedule's next fire. For cron and fixed-rate slots the overlap rule
     * decides which slot that is and records the ones left out; a fixed delay counts from now.
     */
    private Decision idle(RunningTask task, Long durationMs) {
        if (task.getFixedDelayMs() != null) {
            // Counted by the statement from its own NOW(3), after the run row ended, so the gap
            // between the run's end and the next fire is never short of the delay.
            return new Decision(
                    new TaskTransition(
                            task.getId(),
                            task.getRunId(),
                            TaskStatus.NOT_STARTED,
                            null,
                            task.getFixedDelayMs(),
                            null,
                            null,
                            true),
                    null);
        }
        OverlapRule.Next next = overlap.next(task, durationMs);
        return new Decision(
                new TaskTransition(
                        task.getId(), task.getRunId(), TaskStatus.NOT_STARTED, next.fireAt(), null, null, null, true),
                next.skipped());
    }
}
