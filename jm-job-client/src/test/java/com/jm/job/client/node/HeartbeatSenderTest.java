package com.jm.job.client.node;

import static com.jm.job.client.testing.Tasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.JobResult;
import com.jm.job.client.testing.BlockingHandler;
import com.jm.job.client.testing.NodeHarness;
import com.jm.job.common.protocol.RunResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeartbeatSenderTest {

    private final NodeHarness node = new NodeHarness();

    @AfterEach
    void stop() {
        node.node.stop();
    }

    @Test
    void listsRunningRunsAndCancelsTheOnesTheMasterNames() {
        node.handlers.put("waiting", new BlockingHandler());
        node.master.enqueue(task(1, "waiting"), task(2, "waiting"));
        node.node.start();
        await().until(() ->
                node.master.heartbeats.stream().anyMatch(beat -> beat.runIds().containsAll(List.of(1L, 2L))));

        node.master.cancel(2);

        assertThat(node.awaitOutcome(2).result()).isEqualTo(RunResult.CANCELLED);
        assertThat(node.worker.runningRunIds()).containsExactly(1L);
        // A heartbeat built just before the outcome was acknowledged may still arrive after it;
        // the ones after it no longer list the cancelled run.
        int beatsSoFar = node.master.heartbeats.size();
        await().untilAsserted(() -> {
            assertThat(node.master.heartbeats.size()).isGreaterThan(beatsSoFar);
            assertThat(node.master
                            .heartbeats
                            .get(node.master.heartbeats.size() - 1)
                            .runIds())
                    .doesNotContain(2L);
        });
    }

    @Test
    void runsAPollHandedOutAreAcknowledgedAtOnceNotAtTheNextInterval() {
        NodeHarness slow = new NodeHarness(
                Duration.ofMillis(200),
                Duration.ofMillis(500),
                0,
                new LeaseFence(java.time.Clock.systemUTC(), LeaseFence.DEFAULT_SAFETY_MARGIN),
                Duration.ofMinutes(10));
        try {
            slow.handlers.put("waiting", new BlockingHandler());
            slow.node.start();
            await().until(() -> !slow.master.polls.isEmpty());
            int beatsBefore = slow.master.heartbeats.size();
            slow.master.enqueue(task(7, "waiting"));

            await().atMost(Duration.ofSeconds(5)).until(() -> slow.master.heartbeats.stream()
                    .skip(beatsBefore)
                    .anyMatch(beat -> beat.runIds().contains(7L)));
        } finally {
            slow.node.stop();
        }
    }

    @Test
    void keepsListingAFinishedRunUntilTheMasterAcknowledgesItsOutcome() {
        node.handlers.put("quick", context -> JobResult.success());
        node.master.failFinishes(Integer.MAX_VALUE);
        node.node.start();
        node.master.enqueue(task(1, "quick"));
        await().until(() ->
                node.reporter.pendingCount() == 1 && node.worker.runningRunIds().isEmpty());
        int beatsBefore = node.master.heartbeats.size();

        await().until(() -> node.master.heartbeats.size() > beatsBefore);

        assertThat(node.master.heartbeats.get(node.master.heartbeats.size() - 1).runIds())
                .containsExactly(1L);
        node.master.failFinishes(0);
        node.awaitOutcome(1);
        await().until(() -> node.master
                .heartbeats
                .get(node.master.heartbeats.size() - 1)
                .runIds()
                .isEmpty());
    }

    @Test
    void aForgottenNodeRegistersAgainAtOnceEvenWhileEveryWorkerIsBusy() {
        NodeHarness node = new NodeHarness(Duration.ofMinutes(2), Duration.ofSeconds(1));
        node.handlers.put("waiting", new BlockingHandler());
        node.master.enqueue(task(1, "waiting"), task(2, "waiting"));
        node.node.start();
        await().until(() -> node.worker.freeSlots() == 0);

        node.master.forgetNodes();

        await().atMost(Duration.ofSeconds(5)).until(() -> node.master.registrations.size() == 2);
        node.node.stop();
    }

    /**
     * A failed heartbeat is tried again within a fraction of the interval: with a 5 s interval, three
     * attempts come in well under the 10 s that one attempt per interval would take.
     */
    @Test
    void aFailedHeartbeatIsTriedAgainSoonNotAfterAWholeInterval() throws Exception {
        node.session.register();
        HeartbeatSender slow =
                new HeartbeatSender(node.master, node.session, node.worker, node.reporter, Duration.ofSeconds(5));
        node.master.setUnreachable(true);
        int before = node.master.heartbeatAttempts.get();
        slow.start();
        try {
            await().atMost(Duration.ofMillis(4500)).until(() -> node.master.heartbeatAttempts.get() >= before + 3);
        } finally {
            slow.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void theFirstRetryIsATenthOfTheIntervalWithinBounds() {
        assertThat(HeartbeatSender.firstRetry(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(1));
        assertThat(HeartbeatSender.firstRetry(Duration.ofMillis(500))).isEqualTo(Duration.ofMillis(100));
        assertThat(HeartbeatSender.firstRetry(Duration.ofMillis(50))).isEqualTo(Duration.ofMillis(50));
    }
}
