package com.jm.job.client.node;

import static com.jm.job.client.testing.Tasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobResult;
import com.jm.job.client.testing.BlockingHandler;
import com.jm.job.client.testing.MutableClock;
import com.jm.job.client.testing.NodeHarness;
import com.jm.job.common.protocol.RunOutcome;
import com.jm.job.common.protocol.RunResult;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node stops a run itself once it cannot have renewed the run's lease: at lease − safety margin
 * by its own clock, counted from when it sent the last poll or heartbeat the master answered.
 */
class SelfFencingTest {

    private static final long LEASE_MILLIS = 10_000;
    private static final Duration MARGIN = Duration.ofSeconds(2);

    private final MutableClock clock = new MutableClock();
    private final NodeHarness node =
            new NodeHarness(Duration.ofMillis(200), Duration.ofMillis(500), 0, new LeaseFence(clock, MARGIN));

    @AfterEach
    void stop() {
        node.master.setUnreachable(false);
        node.node.stop();
    }

    @Test
    void heartbeatsFailingCancelTheRunAtLeaseMinusMarginNotBefore() {
        node.master.leaseMillis(LEASE_MILLIS);
        BlockingHandler handler = new BlockingHandler();
        node.handlers.put("waiting", handler);
        node.master.enqueue(task(1, "waiting"));
        node.node.start();
        await().until(() -> handler.started.getCount() == 0);
        Instant claimedAt = clock.instant();

        node.master.setUnreachable(true);
        clock.advance(Duration.ofMillis(LEASE_MILLIS).minus(MARGIN).minusMillis(1));
        awaitHeartbeatAttempts(3);

        assertThat(handler.interrupted).as("not before lease − margin").isFalse();
        assertThat(node.worker.runningRunIds()).containsExactly(1L);

        clock.advance(Duration.ofMillis(1));

        await().until(() -> handler.interrupted);
        assertThat(handler.cancelledWhenInterrupted).isTrue();
        node.master.setUnreachable(false);
        RunOutcome outcome = node.awaitOutcome(1);
        assertThat(outcome.result()).isEqualTo(RunResult.CANCELLED);
        assertThat(outcome.message())
                .contains("lease could not be renewed")
                .contains(claimedAt.plusMillis(LEASE_MILLIS).toString());
        assertThat(node.master.acknowledged).noneMatch(o -> o.result() == RunResult.SUCCEEDED);
    }

    @Test
    void aLeaseShorterThanFiveMarginsCutsTheMarginToAFifthOfTheLease() {
        node.master.leaseMillis(5_000L);
        BlockingHandler handler = new BlockingHandler();
        node.handlers.put("waiting", handler);
        node.master.enqueue(task(1, "waiting"));
        node.node.start();
        await().until(() -> handler.started.getCount() == 0);

        node.master.setUnreachable(true);
        // A 2 s margin of a 5 s lease would leave 3 s; a fifth of the lease (1 s) leaves 4 s.
        clock.advance(Duration.ofMillis(3_999));
        awaitHeartbeatAttempts(3);
        assertThat(handler.interrupted).isFalse();

        clock.advance(Duration.ofMillis(1));
        await().until(() -> handler.interrupted);
        node.master.setUnreachable(false);
        RunOutcome outcome = node.awaitOutcome(1);
        assertThat(outcome.result()).isEqualTo(RunResult.CANCELLED);
        assertThat(outcome.message()).contains("safety margin 1000 ms");
    }

    @Test
    void aClockThatJumpsPastTheLeaseStopsTheRunBeforeTheHandlersNextStep() throws Exception {
        node.master.leaseMillis(LEASE_MILLIS);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        AtomicReference<Boolean> cancelledAtNextStep = new AtomicReference<>();
        AtomicInteger sideEffects = new AtomicInteger();
        node.handlers.put("stepping", context -> {
            started.countDown();
            awaitUninterruptibly(resume);
            cancelledAtNextStep.set(context.isCancelled());
            if (!context.isCancelled()) {
                sideEffects.incrementAndGet();
            }
            return JobResult.success();
        });
        node.master.enqueue(task(1, "stepping"));
        node.node.start();
        started.await();

        // As if the process had been stopped (SIGSTOP, a long GC pause) for longer than the lease.
        clock.advance(Duration.ofMillis(LEASE_MILLIS * 3));
        resume.countDown();

        assertThat(node.awaitOutcome(1).result()).isEqualTo(RunResult.CANCELLED);
        assertThat(cancelledAtNextStep.get()).isTrue();
        assertThat(sideEffects).hasValue(0);
    }

    @Test
    void aHandlerThatReturnsSuccessAfterItsLeaseLapsedIsReportedCancelledNotSucceeded() throws Exception {
        node.master.leaseMillis(LEASE_MILLIS);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        node.handlers.put("oblivious", context -> {
            started.countDown();
            awaitUninterruptibly(resume);
            return JobResult.success("done, never looked at the signal");
        });
        // Heartbeats fail, so only the worker's own checks can see the lapse.
        node.master.enqueue(task(1, "oblivious"));
        node.node.start();
        started.await();
        node.master.setUnreachable(true);

        clock.advance(Duration.ofMillis(LEASE_MILLIS));
        resume.countDown();
        await().until(() -> node.worker.runningRunIds().isEmpty());
        node.master.setUnreachable(false);

        assertThat(node.awaitOutcome(1).result()).isEqualTo(RunResult.CANCELLED);
    }

    @Test
    void aRunHandedOutWhileTheNodeWasPausedNeverReachesItsHandler() {
        node.master.leaseMillis(LEASE_MILLIS);
        // The master held the poll a second, claimed, and the answer reached the node only after
        // it woke from a pause longer than the lease.
        node.master.heldMillis(1_000);
        node.master.onClaim(() -> clock.advance(Duration.ofMillis(LEASE_MILLIS + 4_000)));
        AtomicBoolean invoked = new AtomicBoolean();
        node.handlers.put("late", context -> {
            invoked.set(true);
            return JobResult.success();
        });
        node.master.enqueue(task(1, "late"));
        node.node.start();

        assertThat(node.awaitOutcome(1).result()).isEqualTo(RunResult.CANCELLED);
        assertThat(invoked).isFalse();
    }

    @Test
    void theContextCarriesTheFencingTokenAndALeaseDeadlineThatMovesWithEachHeartbeat() throws Exception {
        node.master.leaseMillis(LEASE_MILLIS);
        AtomicReference<JobContext> seen = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        node.handlers.put("watched", context -> {
            seen.set(context);
            started.countDown();
            while (!context.isCancelled()) {
                Thread.onSpinWait();
            }
            return JobResult.success();
        });
        Instant polledAt = clock.instant();
        node.master.enqueue(task(7, "watched"));
        node.node.start();
        started.await();
        JobContext context = seen.get();

        assertThat(context.fencingToken()).isEqualTo(7L).isEqualTo(context.runId());
        assertThat(context.leaseDeadline()).isEqualTo(polledAt.plusMillis(LEASE_MILLIS));

        clock.advance(Duration.ofSeconds(3));
        await().until(() ->
                context.leaseDeadline().equals(polledAt.plusSeconds(3).plusMillis(LEASE_MILLIS)));
        clock.advance(Duration.ofSeconds(3));
        await().until(() ->
                context.leaseDeadline().equals(polledAt.plusSeconds(6).plusMillis(LEASE_MILLIS)));

        // A failed heartbeat renews nothing.
        node.master.setUnreachable(true);
        clock.advance(Duration.ofSeconds(1));
        awaitHeartbeatAttempts(3);
        assertThat(context.leaseDeadline()).isEqualTo(polledAt.plusSeconds(6).plusMillis(LEASE_MILLIS));
        assertThat(context.isCancelled()).isFalse();
    }

    @Test
    void withoutALeaseLengthFromTheMasterRunsAreNotFencedByTime() throws Exception {
        node.master.leaseMillis(null);
        BlockingHandler handler = new BlockingHandler();
        node.handlers.put("waiting", handler);
        node.master.enqueue(task(1, "waiting"));
        node.node.start();
        handler.started.await();

        clock.advance(Duration.ofDays(1));
        awaitHeartbeatAttempts(3);

        assertThat(handler.interrupted).isFalse();
        assertThat(node.worker.runningRunIds()).containsExactly(1L);
    }

    private void awaitHeartbeatAttempts(int more) {
        int before = node.master.heartbeatAttempts.get();
        await().until(() -> node.master.heartbeatAttempts.get() >= before + more);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
