package com.jm.job.master.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.common.protocol.PollResponse;
import com.jm.job.common.protocol.TaskAssignment;
import com.jm.job.master.events.PendingSignals;
import com.jm.job.master.support.RegisteredNodeTest;
import com.jm.job.master.support.TestSecurity;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * Held polls woken by counted signals, on MariaDB, through the real writes: a new task wakes one
 * held poll, not every one; a woken poll that may claim nothing passes its wake-up to the next
 * (once), so the task does not wait for the end of that poll's wait.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class CountedWakeUpTest extends RegisteredNodeTest {

    /** Far longer than any wait below: an answer within it came from a wake-up, not a poll's timer. */
    private static final Duration HOLD = Duration.ofSeconds(60);

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    PendingSignals signals;

    @Autowired
    MeterRegistry registry;

    /** Every poll a test holds, cancelled after it, so a failed test leaves none held for the next. */
    private final List<CompletableFuture<PollResponse>> polls = new ArrayList<>();

    private CompletableFuture<PollResponse> hold(long node) {
        CompletableFuture<PollResponse> poll = dispatcher.poll(node, 1, HOLD);
        polls.add(poll);
        return poll;
    }

    @AfterEach
    void cancelPolls() {
        polls.forEach(poll -> poll.cancel(false));
    }

    private long registerNode(String instance) throws Exception {
        return nodes.register(GROUP, instance, "10.1.2.9").get("nodeId").asLong();
    }

    @Test
    void aNewTaskPassedOverByADisabledNodeReachesTheNextHeldPoll() throws Exception {
        long other = registerNode("n2");
        mvc.perform(post("/api/nodes/" + nodeId + "/disable")).andExpect(status().isOk());
        CompletableFuture<PollResponse> disabled = hold(nodeId); // waiting longest
        CompletableFuture<PollResponse> enabled = hold(other);
        assertThat(held()).isEqualTo(2);

        long task = createTask("passed-on", "");

        PollResponse response = enabled.get(15, TimeUnit.SECONDS);
        assertThat(response.tasks()).extracting(TaskAssignment::taskId).containsExactly(task);
        assertThat(disabled).isNotDone();
    }

    @Test
    void oneWakeUpWakesOnePollAndOnePassOnNoMore() throws Exception {
        long second = registerNode("n2");
        long third = registerNode("n3");
        CompletableFuture<PollResponse> first = hold(nodeId);
        CompletableFuture<PollResponse> secondPoll = hold(second);
        CompletableFuture<PollResponse> thirdPoll = hold(third);
        // A poll of a node that left fails when it looks: which polls looked shows in their answers.
        nodes.call(NodeApi.DEREGISTER, Map.of("nodeId", second));
        nodes.call(NodeApi.DEREGISTER, Map.of("nodeId", third));

        signals.signal(groupId, 1); // one task's worth, and nothing to find

        // The first finds nothing and passes on to the second, which looks (and fails: it left).
        await().atMost(Duration.ofSeconds(15)).until(secondPoll::isDone);
        assertThat(secondPoll).isCompletedExceptionally();
        await().atMost(Duration.ofSeconds(15)).until(() -> held() == 2);
        assertThat(first).as("looked, found nothing, waits again").isNotDone();
        assertThat(thirdPoll)
                .as("never woken: a passed-on wake-up is not passed again")
                .isNotDone();

        signals.signal(groupId); // no count: every poll looks
        await().atMost(Duration.ofSeconds(15)).until(thirdPoll::isDone);
        assertThat(thirdPoll).isCompletedExceptionally();
        assertThat(first).isNotDone();
    }

    @Test
    void nNewTasksReachNHeldPollsEachClaimedOnce() throws Exception {
        hold(nodeId);
        hold(registerNode("n2"));
        hold(registerNode("n3"));
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(createTask("t" + i, ""));
        }
        List<Long> claimed = new ArrayList<>();
        for (CompletableFuture<PollResponse> poll : polls) {
            poll.get(15, TimeUnit.SECONDS).tasks().forEach(t -> claimed.add(t.taskId()));
        }
        assertThat(claimed).containsExactlyInAnyOrderElementsOf(created);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run", Long.class))
                .isEqualTo(3);
        assertThat(held()).isZero();
    }

    private double held() {
        return registry.get("jmjob.polls.held").gauge().value();
    }
}
