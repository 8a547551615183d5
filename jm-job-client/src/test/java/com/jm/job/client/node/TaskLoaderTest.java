package com.jm.job.client.node;

import static com.jm.job.client.testing.Tasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        node.handlers.put("gated", context -> {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            gate.acquire();
            running.decrementAndGet();
            return JobResult.success();
        });
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
