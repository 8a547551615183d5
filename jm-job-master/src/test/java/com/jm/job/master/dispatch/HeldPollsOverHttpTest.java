package com.jm.job.master.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.master.JmJobMasterApplication;
import com.jm.job.master.support.HttpNodeCalls;
import com.jm.job.master.support.MariaDbTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Held polls over real HTTP on a server with four request threads: many more polls than threads
 * are held at once while operators' calls are answered, and a wake-up hands each task to exactly
 * one held poll.
 */
@SpringBootTest(
        classes = JmJobMasterApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.tomcat.threads.max=4", "server.tomcat.threads.min-spare=1"})
class HeldPollsOverHttpTest extends MariaDbTest {

    private static final int NODES = 50;
    private static final int TASKS = 10;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    private HttpNodeCalls calls;

    @BeforeEach
    void setUp() {
        clean();
        calls = new HttpNodeCalls("http://127.0.0.1:" + port);
    }

    @Test
    void moreHeldPollsThanThreadsLeaveOperatorsServedAndEachWokenTaskGoesToOnePoll() throws Exception {
        List<HttpNodeCalls.Node> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            nodes.add(calls.register("many", "n" + i));
        }
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        for (HttpNodeCalls.Node node : nodes) {
            polls.add(calls.poll(node, 55_000));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> held() == NODES);

        HttpResponse<String> groups = calls.operator("GET", "/api/groups", null);
        assertThat(groups.statusCode()).isEqualTo(200);
        assertThat(held())
                .as("the operator was answered while every poll was held")
                .isEqualTo(NODES);
        assertThat(polls).noneMatch(CompletableFuture::isDone);

        long groupId = nodes.get(0).groupId();
        insertTasks(groupId, 0, TASKS);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> polls.stream().filter(CompletableFuture::isDone).count() == TASKS);
        assertThat(held()).isEqualTo(NODES - TASKS);
        // The others are answered as work comes for them: every poll gets exactly one task.
        insertTasks(groupId, TASKS, NODES);
        Set<Long> claimed = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> poll : polls) {
            HttpResponse<String> answer = poll.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode tasks = calls.read(answer).get("tasks");
            assertThat(tasks).hasSize(1);
            claimed.add(tasks.get(0).get("taskId").asLong());
        }
        assertThat(claimed).hasSize(NODES);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run", Long.class))
                .isEqualTo(NODES);
        assertThat(held()).isZero();
    }

    private void insertTasks(long groupId, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            HttpResponse<String> created = calls.operator(
                    "POST",
                    "/api/tasks",
                    "{\"name\":\"t" + i + "\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
    }

    private double held() {
        return registry.get("jmjob.polls.held").gauge().value();
    }
}
