package com.jm.job.master.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.common.protocol.PollResponse;
import com.jm.job.common.protocol.TaskAssignment;
import com.jm.job.master.events.PendingSignals;
import com.jm.job.master.node.UnknownNodeException;
import com.jm.job.master.store.TaskMapper;
import com.jm.job.master.support.Fixtures;
import com.jm.job.master.support.RegisteredNodeTest;
import com.jm.job.master.support.TestSecurity;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * A held poll without a thread of its own, on MariaDB: answered on a wake-up with what it claimed,
 * empty when its wait ends, a failure when its node left, nothing claimed once cancelled, and one
 * look at a time however many wake-ups race.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class HeldPollTest extends RegisteredNodeTest {

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    PendingSignals signals;

    @Autowired
    TaskMapper tasks;

    @Autowired
    MeterRegistry registry;

    @Test
    void aHeldPollIsAnsweredOnAWakeUpWithWhatItClaimed() throws Exception {
        CompletableFuture<PollResponse> answer = dispatcher.poll(nodeId, 2, Duration.ofSeconds(30));
        assertThat(answer).isNotDone();
        assertThat(held()).isOne();
        long task = Fixtures.pendingTask(tasks, groupId, "wake").getId();
        signals.signal(groupId);
        PollResponse response = answer.get(15, TimeUnit.SECONDS);
        assertThat(response.tasks()).extracting(TaskAssignment::taskId).containsExactly(task);
        assertThat(held()).isZero();
    }

    @Test
    void aHeldPollWithNothingDueIsAnsweredEmptyWhenItsWaitEnds() throws Exception {
        PollResponse response =
                dispatcher.poll(nodeId, 1, Duration.ofMillis(300)).get(15, TimeUnit.SECONDS);
        assertThat(response.tasks()).isEmpty();
        assertThat(response.heldMillis()).isGreaterThanOrEqualTo(300);
        assertThat(held()).isZero();
    }

    @Test
    void aCancelledHeldPollStopsWaitingAndClaimsNothing() throws Exception {
        CompletableFuture<PollResponse> answer = dispatcher.poll(nodeId, 1, Duration.ofSeconds(30));
        assertThat(held()).isOne();
        answer.cancel(false);
        assertThat(held()).isZero();

        long task = Fixtures.pendingTask(tasks, groupId, "after").getId();
        signals.signal(groupId);
        // A poll that is listening gets it, so the cancelled one did not take it.
        PollResponse live = dispatcher.poll(nodeId, 1, Duration.ZERO).get(15, TimeUnit.SECONDS);
        assertThat(live.tasks()).extracting(TaskAssignment::taskId).containsExactly(task);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run", Long.class))
                .isOne();
    }

    @Test
    void aHeldPollOfANodeThatLeftFailsAsAnUnknownNode() throws Exception {
        CompletableFuture<PollResponse> answer = dispatcher.poll(nodeId, 1, Duration.ofSeconds(30));
        nodes.call(NodeApi.DEREGISTER, Map.of("nodeId", nodeId));
        signals.signal(groupId);
        await().atMost(Duration.ofSeconds(15)).until(answer::isDone);
        assertThat(answer).isCompletedExceptionally();
        try {
            answer.get();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(UnknownNodeException.class);
        }
        assertThat(held()).isZero();
    }

    @Test
    void racingWakeUpsStartOneLookAtATimeAndTheTaskIsClaimedOnce() throws Exception {
        List<CompletableFuture<PollResponse>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(dispatcher.poll(nodeId, 1, Duration.ofSeconds(30)));
        }
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> storms = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                storms.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 500; i++) {
                        signals.signal(groupId);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> storm : storms) {
                storm.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // Woken 2,000 times with nothing due: all still held, each once.
        await().atMost(Duration.ofSeconds(15)).until(() -> held() == 5);
        assertThat(answers).noneMatch(CompletableFuture::isDone);

        long task = Fixtures.pendingTask(tasks, groupId, "one").getId();
        signals.signal(groupId);
        await().atMost(Duration.ofSeconds(15)).until(() -> answers.stream().anyMatch(CompletableFuture::isDone));
        List<PollResponse> answered = answers.stream()
                .filter(CompletableFuture::isDone)
                .map(CompletableFuture::join)
                .toList();
        assertThat(answered).hasSize(1);
        assertThat(answered.get(0).tasks()).extracting(TaskAssignment::taskId).containsExactly(task);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run", Long.class))
                .isOne();
        answers.forEach(a -> a.cancel(false));
        assertThat(held()).isZero();
    }

    private double held() {
        return registry.get("jmjob.polls.held").gauge().value();
    }
}
