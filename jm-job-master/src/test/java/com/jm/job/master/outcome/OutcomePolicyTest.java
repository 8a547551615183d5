package com.jm.job.master.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.cron.CronSchedule;
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
import org.junit.jupiter.api.Test;

/**
 * The arrows out of RUNNING, with a fixed database time for the cron arithmetic. The overlap
 * policies' cases are in {@link OverlapPolicyTest}.
 */
class OutcomePolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:02:30.250Z");
    private static final long QUICK_MS = 200;

    private final JmJobMasterProperties properties = new JmJobMasterProperties();
    private final OutcomePolicy policy =
            new OutcomePolicy(new OverlapRule(new Schedules(new CronSchedule()), properties), properties);

    @Test
    void successLeavesAOneShotTaskIdleWithAFreshAttemptCount() {
        TaskTransition t = next(task(null, false, 0, 2), RunState.SUCCEEDED, "ok");

        assertThat(t.status()).isEqualTo(TaskStatus.NOT_STARTED);
        assertThat(t.fireAt()).isNull();
        assertThat(t.delayMs()).isNull();
        assertThat(t.lastError()).isNull();
        assertThat(t.resetAttempt()).isTrue();
    }

    @Test
    void successOfACronTaskWaitsForTheFirstSlotAfterNowSoMissedSlotsFireOnce() {
        TaskTransition t = next(task("0 */5 * * * *", false, 0, 1), RunState.SUCCEEDED, null);

        assertThat(t.status()).isEqualTo(TaskStatus.NOT_STARTED);
        assertThat(t.fireAt()).isEqualTo(LocalDateTime.of(2026, 3, 1, 10, 5, 0));
    }

    @Test
    void afterDowntimeMissedSlotsAreSkippedToTheFirstOneAfterNow() {
        RunningTask task = task("*/1 * * * * *", false, 0, 1);
        task.setNextFireTime(LocalDateTime.of(2026, 3, 1, 9, 0, 0));

        assertThat(next(task, RunState.SUCCEEDED, null).fireAt()).isEqualTo(LocalDateTime.of(2026, 3, 1, 10, 2, 31));
    }

    @Test
    void aFixedRateTaskWaitsForTheNextSlotOfItsGridAndSkipsSlotsMissedInDowntime() {
        RunningTask task = task(null, false, 0, 1);
        task.setFixedRateMs(20_000L);
        task.setRunAt(LocalDateTime.of(2026, 3, 1, 10, 0, 0));
        task.setNextFireTime(LocalDateTime.of(2026, 3, 1, 10, 2, 20));

        assertThat(next(task, RunState.SUCCEEDED, null).fireAt())
                .as("the slot after the one just run, although the run ended after 10:02:30")
                .isEqualTo(LocalDateTime.of(2026, 3, 1, 10, 2, 40));

        task.setNextFireTime(LocalDateTime.of(2026, 3, 1, 9, 0, 0));
        assertThat(next(task, RunState.SUCCEEDED, null).fireAt())
                .as("after downtime, the first slot after now")
                .isEqualTo(LocalDateTime.of(2026, 3, 1, 10, 2, 40));
    }

    @Test
    void aFixedDelayTaskFiresThatLongAfterItsRunEnded() {
        RunningTask task = task(null, false, 0, 1);
        task.setFixedDelayMs(5_000L);
        task.setNextFireTime(LocalDateTime.of(2026, 3, 1, 10, 2, 0));

        TaskTransition t = next(task, RunState.SUCCEEDED, null);
        assertThat(t.status()).isEqualTo(TaskStatus.NOT_STARTED);
        assertThat(t.fireAt()).as("the statement counts it from its own clock").isNull();
        assertThat(t.delayMs()).isEqualTo(5_000L);
    }

    @Test
    void aRunAtTaskIsDoneAfterItsOneFire() {
        RunningTask task = task(null, false, 0, 1);
        task.setRunAt(LocalDateTime.of(2026, 3, 1, 10, 0, 0));
        task.setNextFireTime(LocalDateTime.of(2026, 3, 1, 10, 0, 0));

        TaskTransition t = next(task, RunState.SUCCEEDED, null);
        assertThat(t.status()).isEqualTo(TaskStatus.NOT_STARTED);
        assertThat(t.fireAt()).isNull();
    }

    @Test
    void cronSlotsAreReadInTheTasksZone() {
        RunningTask task = task("0 0 9 * * *", false, 0, 1);
        task.setCronZone("Asia/Shanghai");

        // 09:00 in Shanghai is 01:00 UTC; at 10:02 UTC the next one is tomorrow's.
        assertThat(next(task, RunState.SUCCEEDED, null).fireAt()).isEqualTo(LocalDateTime.of(2026, 3, 2, 1, 0, 0));
    }

    @Test
    void failuresRetryWithExponentialBackOffUntilRetriesAreUsedUp() {
        assertThat(next(task(null, true, 3, 1), RunState.FAILED, "boom"))
                .extracting(TaskTransition::status, TaskTransition::delayMs, TaskTransition::pendingCause)
                .containsExactly(TaskStatus.PENDING, 1000L, Trigger.RETRY);
        assertThat(next(task(null, true, 3, 3), RunState.TIMED_OUT, "slow").delayMs())
                .isEqualTo(4000L);
        TaskTransition exhausted = next(task(null, true, 3, 4), RunState.FAILED, "boom again");
        assertThat(exhausted.status()).isEqualTo(TaskStatus.ERROR);
        assertThat(exhausted.lastError()).isEqualTo("boom again");
        assertThat(exhausted.resetAttempt()).isFalse();
    }

    @Test
    void withoutRetryAFailureOrALostNodeIsAnError() {
        assertThat(next(task(null, false, 0, 1), RunState.FAILED, "x").status()).isEqualTo(TaskStatus.ERROR);
        assertThat(next(task(null, false, 0, 1), RunState.LOST, "lease expired").status())
                .isEqualTo(TaskStatus.ERROR);
        assertThat(next(task(null, true, 2, 1), RunState.LOST, "lease expired").status())
                .isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void aCancelledRunIsPendingAgainAtOnce() {
        TaskTransition t = next(task(null, false, 0, 1), RunState.CANCELLED, "cancelled");

        assertThat(t.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(t.delayMs()).isZero();
    }

    @Test
    void backOffDoublesAndIsCapped() {
        properties.setRetryBackoffBase(Duration.ofMillis(500));
        properties.setRetryBackoffMax(Duration.ofSeconds(3));

        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.backoff(60)).isEqualTo(Duration.ofSeconds(3));
    }

    /** A run that ended at {@link #NOW} after a short run time, as a node reports it. */
    private TaskTransition next(RunningTask task, RunState state, String message) {
        return policy.next(task, state, QUICK_MS, message).transition();
    }

    private static RunningTask task(String cron, boolean retry, int maxRetries, int attempt) {
        RunningTask task = new RunningTask();
        task.setId(7);
        task.setRunId(70);
        task.setCron(cron);
        task.setRetry(retry);
        task.setMaxRetries(maxRetries);
        task.setAttempt(attempt);
        task.setDbNow(LocalDateTime.ofInstant(NOW, ZoneOffset.UTC));
        return task;
    }
}
