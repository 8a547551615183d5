package com.jm.job.client.node;

import static com.jm.job.client.testing.Tasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import com.jm.job.client.testing.NodeHarness;
import com.jm.job.common.protocol.PollRequest;
import com.jm.job.common.protocol.RunResult;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskLoaderTest {

    private final NodeHarness node = new NodeHarness();

    @AfterEach
    void stop() {
        node.node.stop();
    }

    @Test
    void asksForNoMoreTasksThanFreeSlotsAndDoesNotPollWhileFull() {
        Semaphore gate = new Semaphore(0);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        node.handlers.put("gated", gated(gate, running, mostRunning));
        for (long runId = 1; runId <= 5; runId++) {
            node.master.enqueue(task(runId, "gated"));
        }

        node.node.start();

        await().until(() -> node.worker.freeSlots() == 0 && node.master.queued() == 3);
        assertThat(node.master.polls).extracting(PollRequest::maxTasks).containsExactly(2);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> node.master.polls.size() == 1);

        gate.release();

        await().until(() -> node.master.queued() == 2);
        assertThat(node.master.polls).extracting(PollRequest::maxTasks).containsExactly(2, 1);

        gate.release(10);
        for (long runId = 1; runId <= 5; runId++) {
            assertThat(node.awaitOutcome(runId).result()).isEqualTo(RunResult.SUCCEEDED);
        }
        assertThat(mostRunning).hasValue(2);
        assertThat(node.master.polls)
                .allSatisfy(poll -> assertThat(poll.maxTasks()).isBetween(1, 2));
    }

    @Test
    void withAPrefetchClaimsBeyondTheThreadsAndPollsAgainOnlyOncePrefetchSlotsAreFree() {
        NodeHarness prefetching = new NodeHarness(Duration.ofMillis(200), Duration.ofMillis(500), 3);
        try {
            Semaphore gate = new Semaphore(0);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger mostRunning = new AtomicInteger();
            prefetching.handlers.put("gated", gated(gate, running, mostRunning));
            for (long runId = 1; runId <= 9; runId++) {
                prefetching.master.enqueue(task(runId, "gated"));
            }

            prefetching.node.start();

            // 2 threads + 3 prefetched: the first poll takes 5, two run and three wait in the node.
            await().until(() -> prefetching.master.queued() == 4 && running.get() == 2);
            assertThat(prefetching.master.polls)
                    .extracting(PollRequest::maxTasks)
                    .containsExactly(5);
            assertThat(prefetching.worker.runningRunIds()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);

            // Two runs end: 2 slots free, fewer than the prefetch, so no poll yet.
            gate.release(2);
            await().until(() -> running.get() == 2 && prefetching.worker.freeSlots() == 2);
            await().during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> prefetching.master.polls.size() == 1);

            // A third ends: 3 free, so the next poll asks for all three at once.
            gate.release();
            await().until(() -> prefetching.master.queued() == 1);
            assertThat(prefetching.master.polls)
                    .extracting(PollRequest::maxTasks)
                    .containsExactly(5, 3);

            gate.release(20);
            for (long runId = 1; runId <= 9; runId++) {
                assertThat(prefetching.awaitOutcome(runId).result()).isEqualTo(RunResult.SUCCEEDED);
            }
            assertThat(mostRunning).hasValue(2);
        } finally {
            prefetching.node.stop();
        }
    }

    @Test
    void aPrefetchedRunCancelledBeforeItStartsNeverReachesItsHandler() {
        NodeHarness prefetching = new NodeHarness(Duration.ofMillis(200), Duration.ofMillis(500), 3);
        try {
            Semaphore gate = new Semaphore(0);
            AtomicInteger calls = new AtomicInteger();
            prefetching.handlers.put("gated", context -> {
                calls.incrementAndGet();
                gate.acquire();
                return JobResult.success();
            });
            for (long runId = 1; runId <= 3; runId++) {
                prefetching.master.enqueue(task(runId, "gated"));
            }
            prefetching.master.cancel(3);

            prefetching.node.start();

            // Run 3 waits for a thread; a heartbeat carries it and the answer cancels it. Heartbeats
            // go one after another, so once a second one carried it the first answer was applied.
            await().until(() -> prefetching.master.heartbeats.stream()
                            .filter(h -> h.runIds().contains(3L))
                            .count()
                    >= 2);
            gate.release(10);

            assertThat(prefetching.awaitOutcome(3).result()).isEqualTo(RunResult.CANCELLED);
            assertThat(prefetching.awaitOutcome(1).result()).isEqualTo(RunResult.SUCCEEDED);
            assertThat(prefetching.awaitOutcome(2).result()).isEqualTo(RunResult.SUCCEEDED);
            assertThat(calls).hasValue(2);
        } finally {
            prefetching.node.stop();
        }
    }

    /** A handler that waits for a permit of {@code gate}, counting how many run at once. */
    private static JobHandler gated(Semaphore gate, AtomicInteger running, AtomicInteger mostRunning) {
        return context -> {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            gate.acquire();
            running.decrementAndGet();
            return JobResult.success();
        };
    }

    @Test
    void anUnknownHandlerFailsItsRunAndTheLoaderKeepsGoing() {
        node.handlers.put("hello", context -> JobResult.success());
        node.master.enqueue(task(1, "nobody"));

        node.node.start();

        assertThat(node.awaitOutcome(1).message()).isEqualTo("no job handler named nobody on node test-host:42");
        node.master.enqueue(task(2, "hello"));
        assertThat(node.awaitOutcome(2).result()).isEqualTo(RunResult.SUCCEEDED);
    }

    @Test
    void registersAgainWhenTheMasterForgetsTheNode() {
        node.handlers.put("hello", context -> JobResult.success());
        node.node.start();
        await().until(() -> !node.master.polls.isEmpty());
        long firstId = node.session.nodeId().orElseThrow();

        node.master.forgetNodes();

        await().until(() -> node.master.registrations.size() == 2);
        long secondId = await().until(() -> node.session.nodeId().orElse(firstId), id -> id != firstId);
        node.master.enqueue(task(1, "hello"));
        assertThat(node.awaitOutcome(1).result()).isEqualTo(RunResult.SUCCEEDED);
        assertThat(node.master.finishes)
                .allSatisfy(request -> assertThat(request.nodeId()).isEqualTo(secondId));
    }

    @Test
    void retriesRegistrationWhileTheMasterIsUnavailable() {
        node.master.failRegistrations(3);

        node.node.start();

        await().until(() -> node.session.nodeId().isPresent());
        assertThat(node.master.registrations).hasSize(1);
        assertThat(node.master.registrations.get(0).group()).isEqualTo("test-group");
    }

    @Test
    void runsOnANamedThreadAndStopEndsALongPollInFlight() {
        NodeHarness slowPolling = new NodeHarness(Duration.ofMinutes(2), Duration.ofSeconds(1));
        slowPolling.node.start();
        await().until(() -> !slowPolling.master.polls.isEmpty());
        assertThat(threadNamed("jm-job-loader")).isTrue();

        slowPolling.node.stop();

        assertThat(threadNamed("jm-job-loader")).isFalse();
        assertThat(slowPolling.master.deregistrations).hasSize(1);
    }

    private static boolean threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.isAlive() && thread.getName().equals(name));
    }
}
