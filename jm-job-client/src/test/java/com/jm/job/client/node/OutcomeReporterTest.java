package com.jm.job.client.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.testing.FakeMaster;
import com.jm.job.common.protocol.FinishRequest;
import com.jm.job.common.protocol.RunOutcome;
import com.jm.job.common.protocol.RunResult;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutcomeReporterTest {

    private static final long NODE = 3;

    private final FakeMaster master = new FakeMaster();
    private final OutcomeReporter reporter = new OutcomeReporter(
            master,
            3,
            Duration.ofMillis(5),
            new Backoff(Duration.ofMillis(10), Duration.ofMillis(40)),
            Clock.systemUTC());

    @AfterEach
    void stop() {
        reporter.stop(Duration.ofSeconds(1));
    }

    @Test
    void sendsOutcomesInBatchesOfAtMostTheBatchSize() {
        reportRuns(1, 7);

        reporter.start();

        awaitAcknowledged(7);
        assertThat(master.finishes)
                .allSatisfy(request -> assertThat(request.outcomes()).hasSizeBetween(1, 3));
        assertThat(master.finishes.get(0).outcomes())
                .extracting(RunOutcome::runId)
                .containsExactly(1L, 2L, 3L);
        assertThat(master.finishes)
                .allSatisfy(request -> assertThat(request.nodeId()).isEqualTo(NODE));
    }

    @Test
    void sendsAPartialBatchAfterTheFlushInterval() {
        reporter.start();

        reportRuns(1, 1);

        awaitAcknowledged(1);
        assertThat(master.finishes).hasSize(1);
    }

    @Test
    void retriesUntilTheMasterAcknowledgesWithoutLosingOrRepeatingAnOutcome() {
        master.failFinishes(3);
        reporter.start();

        reportRuns(1, 5);

        awaitAcknowledged(5);
        assertThat(master.finishes.size()).isGreaterThanOrEqualTo(4);
        assertThat(master.resentAfterAck).isEmpty();
        assertThat(reporter.pendingCount()).isZero();
    }

    @Test
    void keepsOutcomesWhileTheMasterIsUnreachableAndSendsThemWhenItIsBack() {
        master.setUnreachable(true);
        reporter.start();
        reportRuns(1, 3);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> reporter.pendingCount() == 3);

        master.setUnreachable(false);

        awaitAcknowledged(3);
        assertThat(master.resentAfterAck).isEmpty();
    }

    @Test
    void resendsOnlyWhatTheMasterDidNotAcknowledge() {
        master.acknowledgeOnly(outcome -> outcome.runId() % 2 == 1);
        reporter.start();
        reportRuns(1, 4);
        await().until(() -> master.acknowledged.size() == 2);

        master.acknowledgeOnly(outcome -> true);

        awaitAcknowledged(4);
        assertThat(master.resentAfterAck).isEmpty();
        assertThat(master.finishes.get(master.finishes.size() - 1).outcomes())
                .extracting(RunOutcome::runId)
                .containsExactly(2L, 4L);
    }

    @Test
    void sendsEachNodeIdsOutcomesInTheirOwnCall() {
        reporter.report(1, outcome(1));
        reporter.report(2, outcome(2));
        reporter.report(1, outcome(3));

        reporter.start();

        awaitAcknowledged(3);
        assertThat(master.finishes)
                .extracting(FinishRequest::nodeId, request -> request.outcomes().stream()
                        .map(RunOutcome::runId)
                        .toList())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, List.of(1L, 3L)),
                        org.assertj.core.groups.Tuple.tuple(2L, List.of(2L)));
    }

    @Test
    void dropsOutcomesOfANodeTheMasterNoLongerKnows() {
        master.checkNodeOnFinish();
        reporter.start();

        reportRuns(1, 2);

        await().until(() -> reporter.pendingCount() == 0);
        assertThat(master.acknowledged).isEmpty();
    }

    @Test
    void drainSendsWhatIsLeftAtShutdown() {
        reportRuns(1, 5);

        reporter.drain(Duration.ofSeconds(5));

        assertThat(master.acknowledged).hasSize(5);
        assertThat(reporter.pendingCount()).isZero();
    }

    @Test
    void drainGivesUpAfterItsTimeoutWhenTheMasterIsGone() {
        master.setUnreachable(true);
        reportRuns(1, 2);

        reporter.drain(Duration.ofMillis(200));

        assertThat(reporter.pendingCount()).isEqualTo(2);
    }

    private void reportRuns(long first, long last) {
        LongStream.rangeClosed(first, last).forEach(runId -> reporter.report(NODE, outcome(runId)));
    }

    private void awaitAcknowledged(int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> master.acknowledged.size() >= count);
        assertThat(master.acknowledged).hasSize(count);
        assertThat(master.acknowledged).extracting(RunOutcome::runId).doesNotHaveDuplicates();
    }

    private static RunOutcome outcome(long runId) {
        return new RunOutcome(runId, RunResult.SUCCEEDED, "run " + runId, 10);
    }
}
