package com.jm.job.master.outcome;

import com.jm.job.common.protocol.RunResult;
import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.cron.Schedules;
import com.jm.job.master.domain.RunState;
import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.domain.Trigger;
import com.jm.job.master.store.RunningTask;
import com.jm.job.master.store.TaskTransition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * Where a finished run leaves its task (the state machine's arrows out of RUNNING):
 * success → not started (a scheduled task waits for its next fire); failure, time-out or a lost node →
 * pending again after an exponential back-off while automatic retries are left, else error;
 * cancelled → pending, so an operator's enable (or another node) picks it up again.
 */
@Component
public class OutcomePolicy {

    private final Schedules schedules;
    private final JmJobMasterProperties properties;

    public OutcomePolicy(Schedules schedules, JmJobMasterProperties properties) {
        this.schedules = schedules;
        this.properties = properties;
    }

    /** The run state a node's reported result stands for. */
    public static RunState runState(RunResult result) {
        return switch (result) {
            case SUCCEEDED -> RunState.SUCCEEDED;
            case FAILED -> RunState.FAILED;
            case CANCELLED -> RunState.CANCELLED;
            case TIMED_OUT -> RunState.TIMED_OUT;
        };
    }

    /** Where a run that ended in {@code state} leaves its task. */
    public TaskTransition next(RunningTask task, RunState state, String message) {
        return switch (state) {
            case SUCCEEDED -> idle(task);
            case CANCELLED ->
                new TaskTransition(
                        task.getId(), task.getRunId(), TaskStatus.PENDING, null, 0L, Trigger.RETRY, message, false);
            case FAILED, TIMED_OUT, LOST -> failed(task, message);
            case RUNNING -> throw new IllegalArgumentException("a run that ended cannot be RUNNING");
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
     * Success: idle until the schedule's next fire. For cron and fixed-rate slots the slot after
     * the one just run comes next, even if it began while the run was finishing; only when the
     * run's own slot is older than the misfire threshold (the system was down, or the group was
     * paused) does the next slot count from now, so missed slots fire once. A fixed delay counts
     * from now. "Now" is the database clock read when the task was locked.
     */
    private TaskTransition idle(RunningTask task) {
        if (task.getFixedDelayMs() != null) {
            // Counted by the statement from its own NOW(3), after the run row ended, so the gap
            // between the run's end and the next fire is never short of the delay.
            return new TaskTransition(
                    task.getId(),
                    task.getRunId(),
                    TaskStatus.NOT_STARTED,
                    null,
                    task.getFixedDelayMs(),
                    null,
                    null,
                    true);
        }
        Instant now = task.getDbNow().toInstant(ZoneOffset.UTC);
        Instant ran =
                task.getNextFireTime() == null ? null : task.getNextFireTime().toInstant(ZoneOffset.UTC);
        boolean onTime = ran != null && ran.isAfter(now.minus(properties.getCronMisfireThreshold()));
        LocalDateTime next = schedules.nextSlot(task.recurrence(), onTime ? ran : now);
        return new TaskTransition(task.getId(), task.getRunId(), TaskStatus.NOT_STARTED, next, null, null, null, true);
    }
}
