package com.jm.job.client.node;

import static com.jm.job.client.testing.Tasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.JobResult;
import com.jm.job.client.testing.BlockingHandler;
import com.jm.job.client.testing.NodeHarness;
import com.jm.job.common.protocol.RunResult;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class JmJobNodeTest {

    @Test
    void stopLetsRunningJobsFinishReportsThemThenDeregisters() throws InterruptedException {
        NodeHarness node = new NodeHarness(Duration.ofMillis(200), Duration.ofSeconds(5));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        node.handlers.put("finishing", context -> {
            started.countDown();
            release.await();
            return JobResult.success("done");
        });
        node.master.enqueue(task(1, "finishing"));
        node.node.start();
        assertThat(node.node.isRunning()).isTrue();
        started.await();

        Thread releaser = new Thread(release::countDown);
        releaser.start();
        node.node.stop();

        assertThat(node.node.isRunning()).isFalse();
        assertThat(node.master.outcomeOf(1).result()).isEqualTo(RunResult.SUCCEEDED);
        assertThat(node.master.calls).last().isEqualTo("deregister");
        assertThat(node.master.calls.subList(0, node.master.calls.size() - 1)).contains("finish");
    }

    @Test
    void aLoaderThatDiesOfAnErrorIsRestartedAndTheNodeGoesOnTakingWork() {
        NodeHarness node = new NodeHarness();
        node.handlers.put("hello", context -> JobResult.success("hi"));
        node.master.throwOnNextPoll(new OutOfMemoryError("a poll dying of an Error"));
        node.node.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> node.loader.restarts() == 1);
        node.master.enqueue(task(1, "hello"));

        assertThat(node.awaitOutcome(1).result()).isEqualTo(RunResult.SUCCEEDED);
        assertThat(node.node.isRunning()).isTrue();
        assertThat(node.node.isHealthy()).isTrue();
        node.node.stop();
        assertThat(node.node.isHealthy()).isFalse();
    }

    @Test
    void stopCancelsRunsStillGoingAfterTheGracePeriodAndReportsThem() {
        NodeHarness node = new NodeHarness(Duration.ofMillis(200), Duration.ofMillis(200));
        node.handlers.put("endless", new BlockingHandler());
        node.master.enqueue(task(1, "endless"));
        node.node.start();
        await().until(() -> node.worker.runningRunIds().contains(1L));

        node.node.stop();

        assertThat(node.master.outcomeOf(1).result()).isEqualTo(RunResult.CANCELLED);
        assertThat(node.master.deregistrations).hasSize(1);
        assertThat(node.master.calls).last().isEqualTo("deregister");
    }
}
