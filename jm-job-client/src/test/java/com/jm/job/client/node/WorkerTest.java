package com.jm.job.client.node;

import static com.jm.job.client.testing.Tasks.shard;
import static com.jm.job.client.testing.Tasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobResult;
import com.jm.job.client.testing.BlockingHandler;
import com.jm.job.client.testing.FakeMaster;
import com.jm.job.client.testing.MapJobHandlerRegistry;
import com.jm.job.client.testing.MutableClock;
import com.jm.job.common.protocol.RunOutcome;
import com.jm.job.common.protocol.RunResult;
import com.jm.job.common.protocol.TaskAssignment;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkerTest {

    private static final long NODE = 7;

    private final FakeMaster master = new FakeMaster();
    private final MutableClock clock = new MutableClock();
    private final MapJobHandlerRegistry handlers = new MapJobHandlerRegistry();
    private final OutcomeReporter reporter = new OutcomeReporter(
            master, 10, Duration.ofMillis(5), new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)), clock);
    private final Worker worker =
            new Worker(handlers, reporter, 2, 0, "node-a:1", new LeaseFence(clock, LeaseFence.DEFAULT_SAFETY_MARGIN));

    @BeforeEach
    void startReporter() {
        reporter.start();
    }

    @AfterEach
    void stop() {
        worker.shutdown(Duration.ofSeconds(1));
        reporter.stop(Duration.ofSeconds(1));
    }

    @Test
    void runsTheHandlerWithTheRunsContextAndReportsSuccessWithItsDuration() {
        AtomicReference<JobContext> seen = new AtomicReference<>();
        AtomicReference<String> threadName = new AtomicReference<>();
        handlers.put("hello", context -> {
            seen.set(context);
            threadName.set(Thread.currentThread().getName());
            clock.advance(Duration.ofMillis(1234));
            return JobResult.success("said hello");
        });

        worker.submit(NODE, new TaskAssignment(5, 50, "greet", "hello", "{\"to\":\"you\"}", 3, null));

        RunOutcome outcome = awaitOutcome(5);
        assertThat(outcome).isEqualTo(new RunOutcome(5, RunResult.SUCCEEDED, "said hello", 1234));
        assertThat(seen.get().taskId()).isEqualTo(50);
        assertThat(seen.get().runId()).isEqualTo(5);
        assertThat(seen.get().taskName()).isEqualTo("greet");
        assertThat(seen.get().params()).isEqualTo("{\"to\":\"you\"}");
        assertThat(seen.get().attempt()).isEqualTo(3);
        // An ordinary run is shard 0 of 1, so code that splits work by shard runs it whole.
        assertThat(seen.get().shardIndex()).isZero();
        assertThat(seen.get().shardTotal()).isEqualTo(1);
        assertThat(seen.get().shardParam()).isNull();
        assertThat(seen.get().isCancelled()).isFalse();
        assertThat(threadName.get()).matches("jm-job-worker-\\d+");
        assertThat(master.finishes)
                .allSatisfy(request -> assertThat(request.nodeId()).isEqualTo(NODE));
    }

    @Test
    void aShardedRunsContextSaysWhichShardItIs() {
        AtomicReference<JobContext> seen = new AtomicReference<>();
        handlers.put("report", context -> {
            seen.set(context);
            return JobResult.success();
        });

        worker.submit(NODE, shard(5, "report", 2, 3, "region=eu"));

        assertThat(awaitOutcome(5).result()).isEqualTo(RunResult.SUCCEEDED);
        assertThat(seen.get())
                .extracting(JobContext::shardIndex, JobContext::shardTotal, JobContext::shardParam)
                .containsExactly(2, 3, "region=eu");
        assertThat(seen.get().params()).isEqualTo("p5");
        assertThat(seen.get()).hasToString("JobContext[task 50 'task-5', run 5, attempt 1, shard 2 of 3]");
    }

    @Test
    void aShardThatIsNotOneFailsWithoutReachingTheHandler() {
        AtomicInteger calls = new AtomicInteger();
        handlers.put("report", context -> {
            calls.incrementAndGet();
            return JobResult.success();
        });

        worker.submit(NODE, shard(1, "report", 3, 3, null));
        worker.submit(NODE, shard(2, "report", 0, null, null));

        assertThat(awaitOutcome(1))
                .extracting(RunOutcome::result, RunOutcome::message)
                .containsExactly(
                        RunResult.FAILED,
                        "node node-a:1 refused the run: shard index 3 of 3 is not a shard: the total must be at"
                                + " least 1 and the index from 0 to total - 1");
        assertThat(awaitOutcome(2).message())
                .isEqualTo("node node-a:1 refused the run: the master sent shard index 0 with shard total null;"
                        + " it needs both or neither");
        assertThat(calls).hasValue(0);
        assertThat(worker.freeSlots()).isEqualTo(2);
    }

    @Test
    void aNullResultCountsAsSuccess() {
        handlers.put("quiet", context -> null);

        worker.submit(NODE, task(1, "quiet"));

        assertThat(awaitOutcome(1).result()).isEqualTo(RunResult.SUCCEEDED);
    }

    @Test
    void aThrowingHandlerFailsTheRunWithExceptionClassMessageAndRootCause() {
        handlers.put("broken", context -> {
            throw new IllegalStateException("could not export", new IOException("disk full"));
        });

        worker.submit(NODE, task(1, "broken"));

        RunOutcome outcome = awaitOutcome(1);
        assertThat(outcome.result()).isEqualTo(RunResult.FAILED);
        assertThat(outcome.message())
                .isEqualTo("java.lang.IllegalStateException: could not export"
                        + " (caused by java.io.IOException: disk full)");
    }

    @Test
    void anErrorThrownByAHandlerFailsTheRunAndFreesItsSlot() {
        handlers.put("deep", context -> {
            throw new StackOverflowError();
        });

        worker.submit(NODE, task(1, "deep"));

        assertThat(awaitOutcome(1).message()).isEqualTo("java.lang.StackOverflowError");
        await().untilAsserted(() -> assertThat(worker.freeSlots()).isEqualTo(2));
    }

    @Test
    void aHandlerReturningFailureFailsTheRunWithItsMessage() {
        handlers.put("refusing", context -> JobResult.failure("upstream said no"));

        worker.submit(NODE, task(1, "refusing"));

        assertThat(awaitOutcome(1))
                .extracting(RunOutcome::result, RunOutcome::message)
                .containsExactly(RunResult.FAILED, "upstream said no");
    }

    @Test
    void longMessagesAreCutTo2000Characters() {
        handlers.put("verbose", context -> JobResult.failure("x".repeat(5000)));

        worker.submit(NODE, task(1, "verbose"));

        assertThat(awaitOutcome(1).message()).hasSize(2000).endsWith("…");
    }

    @Test
    void anUnknownHandlerFailsTheRunNamingHandlerAndNode() {
        worker.submit(NODE, task(1, "nobody"));

        assertThat(awaitOutcome(1))
                .extracting(RunOutcome::result, RunOutcome::message)
                .containsExactly(RunResult.FAILED, "no job handler named nobody on node node-a:1");
        assertThat(worker.freeSlots()).isEqualTo(2);
    }

    @Test
    void cancellingSetsTheSignalInterruptsTheThreadAndReportsCancelled() throws InterruptedException {
        BlockingHandler blocking = new BlockingHandler();
        handlers.put("blocking", blocking);
        worker.submit(NODE, task(1, "blocking"));
        assertThat(blocking.started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.runningRunIds()).containsExactly(1L);

        assertThat(worker.cancel(1)).isTrue();

        RunOutcome outcome = awaitOutcome(1);
        assertThat(outcome)
                .extracting(RunOutcome::result, RunOutcome::message)
                .containsExactly(RunResult.CANCELLED, "cancelled by the master");
        assertThat(blocking.interrupted).isTrue();
        assertThat(blocking.cancelledWhenInterrupted).isTrue();
        await().untilAsserted(() -> assertThat(worker.runningRunIds()).isEmpty());
        assertThat(worker.cancel(1)).isFalse();
    }

    @Test
    void aRunPastItsTimeLimitIsStoppedAndReportedTimedOut() throws InterruptedException {
        BlockingHandler blocking = new BlockingHandler();
        handlers.put("blocking", blocking);

        worker.submit(NODE, task(1, "blocking", 1));

        RunOutcome outcome = await().atMost(Duration.ofSeconds(10)).until(() -> master.outcomeOf(1), Objects::nonNull);
        assertThat(outcome)
                .extracting(RunOutcome::result, RunOutcome::message)
                .containsExactly(RunResult.TIMED_OUT, "timed out after 1 s");
        assertThat(blocking.cancelledWhenInterrupted).isTrue();
    }

    @Test
    void aRunWithinItsTimeLimitSucceeds() {
        handlers.put("quick", context -> JobResult.success());

        worker.submit(NODE, task(1, "quick", 60));

        assertThat(awaitOutcome(1).result()).isEqualTo(RunResult.SUCCEEDED);
    }

    @Test
    void tasksBeyondTheFreeSlotsAreRefusedNotQueued() throws InterruptedException {
        BlockingHandler blocking = new BlockingHandler(2);
        handlers.put("blocking", blocking);
        worker.submit(NODE, task(1, "blocking"));
        worker.submit(NODE, task(2, "blocking"));
        assertThat(blocking.started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.freeSlots()).isZero();

        worker.submit(NODE, task(3, "blocking"));

        assertThat(awaitOutcome(3).message()).contains("no free worker slot");
        assertThat(worker.runningRunIds()).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void shutdownLetsRunsFinishWithinTheGracePeriodThenCancelsTheRest() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        handlers.put("finishing", context -> {
            release.await();
            return JobResult.success();
        });
        BlockingHandler blocking = new BlockingHandler();
        handlers.put("blocking", blocking);
        worker.submit(NODE, task(1, "finishing"));
        worker.submit(NODE, task(2, "blocking"));
        assertThat(blocking.started.await(5, TimeUnit.SECONDS)).isTrue();

        Thread releaser = new Thread(release::countDown);
        releaser.start();
        worker.shutdown(Duration.ofSeconds(1));

        assertThat(awaitOutcome(1).result()).isEqualTo(RunResult.SUCCEEDED);
        RunOutcome cancelled = awaitOutcome(2);
        assertThat(cancelled.result()).isEqualTo(RunResult.CANCELLED);
        assertThat(cancelled.message()).contains("node node-a:1 shut down");
        worker.submit(NODE, task(3, "finishing"));
        assertThat(awaitOutcome(3).result()).isEqualTo(RunResult.CANCELLED);
    }

    @Test
    void atShutdownPrefetchedRunsThatHaveNotStartedAreHandedBackAtOnceWhileRunningOnesFinish()
            throws InterruptedException {
        Worker prefetching = new Worker(
                handlers, reporter, 1, 2, "node-a:1", new LeaseFence(clock, LeaseFence.DEFAULT_SAFETY_MARGIN));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        handlers.put("held", context -> {
            calls.incrementAndGet();
            started.countDown();
            release.await();
            return JobResult.success();
        });
        for (long runId = 1; runId <= 3; runId++) {
            prefetching.submit(NODE, task(runId, "held"));
        }
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        Thread stopping = new Thread(() -> prefetching.shutdown(Duration.ofSeconds(10)));
        stopping.start();

        // Runs 2 and 3 waited for the one thread: handed back without starting, while run 1 goes on.
        for (long runId = 2; runId <= 3; runId++) {
            RunOutcome handedBack = awaitOutcome(runId);
            assertThat(handedBack.result()).isEqualTo(RunResult.CANCELLED);
            assertThat(handedBack.message()).isEqualTo("node node-a:1 shut down before the run started");
        }
        assertThat(master.outcomeOf(1)).isNull();
        release.countDown();
        assertThat(awaitOutcome(1).result()).isEqualTo(RunResult.SUCCEEDED);
        stopping.join(5_000);
        assertThat(stopping.isAlive()).isFalse();
        assertThat(calls).hasValue(1);
    }

    private RunOutcome awaitOutcome(long runId) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> master.outcomeOf(runId), Objects::nonNull);
    }
}
