package com.jm.job.master.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.cron.CronSchedule;
import com.jm.job.master.cron.Schedules;
import com.jm.job.master.domain.OverlapPolicy;
import com.jm.job.master.domain.RunState;
import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.domain.Trigger;
import com.jm.job.master.store.RunningTask;
import com.jm.job.master.store.SkippedRun;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/**
 * What a fire that ends leaves of the slots that fell due while it ran, by overlap policy, with a
 * fixed database time (10:02:30.250) and the default misfire threshold (5 s).
 */
class OverlapPolicyTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 1, 10, 2, 30, 250_000_000);
    private static final String EVERY_SECOND = "* * * * * *";

    private final JmJobMasterProperties properties = new JmJobMasterProperties();
    private final OutcomePolicy policy =
            new OutcomePolicy(new OverlapRule(new Schedules(new CronSchedule()), properties), properties);

    @Test
    void skipWaitsForTheFirstSlotAfterNowAndRecordsTheSlotsMissedDuringTheRunInOneRow() {
        // Due at :27, ran 3.2 s: slots :28, :29 and :30 fell due while it ran.
        OutcomePolicy.Decision d = succeeded(cron(OverlapPolicy.SKIP, at(27)), 3_200L);

        assertThat(d.transition().status()).isEqualTo(TaskStatus.NOT_STARTED);
        assertThat(d.transition().fireAt()).isEqualTo(at(31));
        assertThat(d.transition().resetAttempt()).isTrue();
        assertThat(d.skipped())
                .isEqualTo(new SkippedRun(
                        7,
                        Trigger.CRON,
                        at(28),
                        "3 slots skipped (2026-03-01T10:02:28Z … 10:02:30Z) while run 70 was running; overlap SKIP"));
    }

    @Test
    void skipIsTheDefaultAndASlotThatBeganAsTheRunFinishedIsSkippedToo() {
        RunningTask task = cron(null, at(29));

        OutcomePolicy.Decision d = succeeded(task, 200L);

        assertThat(d.transition().fireAt())
                .as("not the slot after the one just run (10:02:30), which fell due before the run ended")
                .isEqualTo(at(31));
        assertThat(d.skipped().message())
                .isEqualTo("1 slot skipped (2026-03-01T10:02:30Z) while run 70 was running; overlap SKIP");
    }

    @Test
    void aRunThatEndsBeforeItsNextSlotSkipsNothingUnderEitherPolicy() {
        for (OverlapPolicy overlap : OverlapPolicy.values()) {
            OutcomePolicy.Decision d = succeeded(cron(overlap, at(30)), 200L);

            assertThat(d.transition().fireAt()).as(overlap.name()).isEqualTo(at(31));
            assertThat(d.skipped()).as(overlap.name()).isNull();
        }
    }

    @Test
    void queueMakesTheLatestMissedSlotDueAtOnceAndRecordsTheOthers() {
        OutcomePolicy.Decision d = succeeded(cron(OverlapPolicy.QUEUE, at(27)), 3_200L);

        assertThat(d.transition().status()).isEqualTo(TaskStatus.NOT_STARTED);
        assertThat(d.transition().fireAt())
                .as("due already: the cron loop fires it at once, as the slot it is")
                .isEqualTo(at(30));
        assertThat(d.skipped())
                .isEqualTo(new SkippedRun(
                        7,
                        Trigger.CRON,
                        at(28),
                        "2 slots skipped (2026-03-01T10:02:28Z … 10:02:29Z) while run 70 was running;"
                                + " overlap QUEUE: the slot of 2026-03-01T10:02:30Z runs next"));
    }

    @Test
    void queueWithOneMissedSlotRunsItNextAndRecordsNothing() {
        OutcomePolicy.Decision d = succeeded(cron(OverlapPolicy.QUEUE, at(29)), 200L);

        assertThat(d.transition().fireAt()).isEqualTo(at(30));
        assertThat(d.skipped()).isNull();
    }

    @Test
    void parallelWaitsLikeQueueUntilFiresCanRunSideBySide() {
        OutcomePolicy.Decision d = succeeded(cron(OverlapPolicy.PARALLEL, at(27)), 3_200L);

        assertThat(d.transition().fireAt()).isEqualTo(at(30));
        assertThat(d.skipped().message())
                .startsWith("2 slots skipped")
                .endsWith("overlap PARALLEL: the slot of" + " 2026-03-01T10:02:30Z runs next");
    }

    @Test
    void aLongRunIsNotTakenForDowntimeItsSlotsFollowThePolicy() {
        // Due and started an hour ago: every slot since fell due while it ran.
        RunningTask skip = cron(OverlapPolicy.SKIP, NOW.minusHours(1).withNano(0));
        OutcomePolicy.Decision skipped = succeeded(skip, Duration.ofHours(1).toMillis());

        assertThat(skipped.transition().fireAt()).isEqualTo(at(31));
        assertThat(skipped.skipped().scheduledAt()).isEqualTo(LocalDateTime.of(2026, 3, 1, 9, 2, 31));
        assertThat(skipped.skipped().message())
                .startsWith("3600 slots skipped (2026-03-01T09:02:31Z … 10:02:30Z) while run 70 was running");

        RunningTask queue = cron(OverlapPolicy.QUEUE, NOW.minusHours(1).withNano(0));
        OutcomePolicy.Decision queued = succeeded(queue, Duration.ofHours(1).toMillis());
        assertThat(queued.transition().fireAt()).isEqualTo(at(30));
        assertThat(queued.skipped().message()).startsWith("3599 slots skipped (2026-03-01T09:02:31Z … 10:02:29Z)");
    }

    @Test
    void aFinishReportThatArrivesLateIsNotTakenForAMisfireTheSlotsMeanwhileAreRecorded() {
        // Due and started at :10; the run took 50 ms but its report was applied at :30 (a master
        // restart): the fire did not start late, so the slots since :10 follow the policy.
        RunningTask task = cron(OverlapPolicy.SKIP, at(10));
        task.setFireStartedAt(at(10).plusNanos(200_000_000));
        OutcomePolicy.Decision decision = succeeded(task, 50L);

        assertThat(decision.transition().fireAt()).isEqualTo(at(31));
        assertThat(decision.skipped()).as("the slots are recorded, not lost").isNotNull();
        assertThat(decision.skipped().scheduledAt()).isEqualTo(at(11));
    }

    @Test
    void aFireThatSucceedsOnARetryIsMeasuredFromItsOwnSlotNotTheRetrysDueTime() {
        // The slot was :20; the first run failed and the retry was due (and ran) at :28.
        RunningTask task = cron(OverlapPolicy.SKIP, at(28));
        task.setFireSlot(at(20));
        task.setFireStartedAt(at(20).plusNanos(100_000_000));
        OutcomePolicy.Decision decision = succeeded(task, 100L);

        assertThat(decision.skipped()).isNotNull();
        assertThat(decision.skipped().scheduledAt())
                .as("the slots since the fire's own slot")
                .isEqualTo(at(21));
        assertThat(decision.transition().fireAt()).isEqualTo(at(31));
    }

    @Test
    void pastTheCountLimitTheRowSaysMoreThanAndStillNamesTheLastSlots() {
        // Three hours of a per-second cron: 10,800 slots, counted up to 10,000.
        LocalDateTime threeHoursAgo = NOW.minusHours(3).withNano(0);

        OutcomePolicy.Decision skip = succeeded(
                cron(OverlapPolicy.SKIP, threeHoursAgo), Duration.ofHours(3).toMillis());
        assertThat(skip.transition().fireAt()).isEqualTo(at(31));
        assertThat(skip.skipped().message())
                .startsWith("more than 10000 slots skipped (2026-03-01T07:02:31Z … 10:02:30Z)");

        OutcomePolicy.Decision queue = succeeded(
                cron(OverlapPolicy.QUEUE, threeHoursAgo), Duration.ofHours(3).toMillis());
        assertThat(queue.transition().fireAt()).isEqualTo(at(30));
        assertThat(queue.skipped().message())
                .startsWith("more than 9999 slots skipped (2026-03-01T07:02:31Z … 10:02:29Z)");
    }

    @Test
    void afterDowntimeTheLateFireStandsForTheMissedSlotsUnderEitherPolicy() {
        // Due at 09:00, started just now (the system was down): the misfire rule, as before.
        for (OverlapPolicy overlap : OverlapPolicy.values()) {
            OutcomePolicy.Decision d = succeeded(cron(overlap, LocalDateTime.of(2026, 3, 1, 9, 0, 0)), 200L);

            assertThat(d.transition().fireAt())
                    .as("%s: the first slot after now, no queued fire", overlap)
                    .isEqualTo(at(31));
            assertThat(d.skipped())
                    .as("%s: the slots fired once, as this fire", overlap)
                    .isNull();
        }
    }

    @Test
    void aFireThatStartedLateAndThenRanLongSkipsOnlyTheSlotsOfItsRun() {
        // Due at 09:00, started at 10:02:28.150 (misfired), ran until 10:02:30.250.
        LocalDateTime dueLongAgo = LocalDateTime.of(2026, 3, 1, 9, 0, 0);

        OutcomePolicy.Decision skip = succeeded(cron(OverlapPolicy.SKIP, dueLongAgo), 2_100L);
        assertThat(skip.transition().fireAt()).isEqualTo(at(31));
        assertThat(skip.skipped().scheduledAt()).isEqualTo(at(29));
        assertThat(skip.skipped().message()).startsWith("2 slots skipped (2026-03-01T10:02:29Z … 10:02:30Z)");

        OutcomePolicy.Decision queue = succeeded(cron(OverlapPolicy.QUEUE, dueLongAgo), 2_100L);
        assertThat(queue.transition().fireAt()).isEqualTo(at(30));
        assertThat(queue.skipped().message()).startsWith("1 slot skipped (2026-03-01T10:02:29Z) while run 70");
    }

    @Test
    void aShorterMisfireThresholdTurnsALateStartIntoAMisfire() {
        // Due at :27, started at :29.250 (2.25 s late), ran 1 s.
        RunningTask task = cron(OverlapPolicy.QUEUE, at(27));
        OutcomePolicy.Decision onTime = succeeded(task, 1_000L);
        assertThat(onTime.transition().fireAt()).isEqualTo(at(30));
        assertThat(onTime.skipped().message())
                .as("within the default 5 s: the slots since it was due follow the policy")
                .startsWith("2 slots skipped (2026-03-01T10:02:28Z … 10:02:29Z)");

        properties.setCronMisfireThreshold(Duration.ofSeconds(2));
        OutcomePolicy.Decision d = succeeded(task, 1_000L);
        assertThat(d.transition().fireAt())
                .as("misfired: only :30, due while it ran, is queued")
                .isEqualTo(at(30));
        assertThat(d.skipped())
                .as(":28 and :29 are the misfire's, not recorded")
                .isNull();
    }

    @Test
    void withoutAReportedRunTimeTheWholeWaitCountsAsLatenessAsBefore() {
        // Due 10 s ago, run time unknown: taken to have started just now, so it misfired.
        OutcomePolicy.Decision d = policy.next(cron(OverlapPolicy.QUEUE, at(20)), RunState.SUCCEEDED, null, null);

        assertThat(d.transition().fireAt()).isEqualTo(at(31));
        assertThat(d.skipped()).isNull();
    }

    @Test
    void fixedRateSlotsMissedDuringARunAreCountedOnTheGridAndRecordedAsScheduleSlots() {
        RunningTask task = cron(OverlapPolicy.SKIP, LocalDateTime.of(2026, 3, 1, 10, 1, 0));
        task.setCron(null);
        task.setFixedRateMs(20_000L);
        task.setRunAt(LocalDateTime.of(2026, 3, 1, 10, 0, 0));

        OutcomePolicy.Decision d = succeeded(task, 90_000L);

        assertThat(d.transition().fireAt()).isEqualTo(LocalDateTime.of(2026, 3, 1, 10, 2, 40));
        assertThat(d.skipped())
                .isEqualTo(new SkippedRun(
                        7,
                        Trigger.SCHEDULE,
                        LocalDateTime.of(2026, 3, 1, 10, 1, 20),
                        "4 slots skipped (2026-03-01T10:01:20Z … 10:02:20Z) while run 70 was running; overlap SKIP"));

        task.setOverlapPolicy(OverlapPolicy.QUEUE);
        assertThat(succeeded(task, 90_000L).transition().fireAt()).isEqualTo(LocalDateTime.of(2026, 3, 1, 10, 2, 20));
    }

    @Test
    void aRangeOverMidnightKeepsTheLastSlotsDate() {
        RunningTask task = cron(OverlapPolicy.SKIP, LocalDateTime.of(2026, 2, 28, 23, 59, 58));
        task.setDbNow(LocalDateTime.of(2026, 3, 1, 0, 0, 1, 500_000_000));

        assertThat(succeeded(task, 3_000L).skipped().message())
                .startsWith("3 slots skipped (2026-02-28T23:59:59Z … 2026-03-01T00:00:01Z)");
    }

    @Test
    void onlyASuccessEndsAFireFailuresAndCancellationsSkipNothing() {
        RunningTask retrying = cron(OverlapPolicy.SKIP, at(27));
        retrying.setRetry(true);
        retrying.setMaxRetries(3);
        OutcomePolicy.Decision retry = policy.next(retrying, RunState.FAILED, 3_200L, "boom");
        assertThat(retry.transition().status()).as("the same fire, again").isEqualTo(TaskStatus.PENDING);
        assertThat(retry.skipped()).isNull();

        OutcomePolicy.Decision error = policy.next(cron(OverlapPolicy.SKIP, at(27)), RunState.FAILED, 3_200L, "boom");
        assertThat(error.transition().status()).isEqualTo(TaskStatus.ERROR);
        assertThat(error.transition().fireAt())
                .as("out of its schedule until retried")
                .isNull();
        assertThat(error.skipped()).isNull();

        assertThat(policy.next(cron(OverlapPolicy.QUEUE, at(27)), RunState.CANCELLED, 3_200L, "cancelled")
                        .skipped())
                .isNull();
        assertThatThrownBy(() -> policy.next(cron(OverlapPolicy.SKIP, at(27)), RunState.SKIPPED, 0L, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private OutcomePolicy.Decision succeeded(RunningTask task, Long durationMs) {
        return policy.next(task, RunState.SUCCEEDED, durationMs, "ok");
    }

    /** A per-second cron task whose current run was due at {@code due} and ends at {@link #NOW}. */
    private static RunningTask cron(OverlapPolicy overlap, LocalDateTime due) {
        RunningTask task = new RunningTask();
        task.setId(7);
        task.setRunId(70);
        task.setCron(EVERY_SECOND);
        if (overlap != null) {
            task.setOverlapPolicy(overlap);
        }
        task.setAttempt(1);
        task.setNextFireTime(due);
        task.setDbNow(NOW);
        return task;
    }

    private static LocalDateTime at(int second) {
        return LocalDateTime.of(2026, 3, 1, 10, 2, second);
    }
}
