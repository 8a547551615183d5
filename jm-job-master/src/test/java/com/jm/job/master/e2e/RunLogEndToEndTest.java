package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.JobResult;
import com.jm.job.client.node.JmJobNode;
import com.jm.job.master.JmJobMasterApplication;
import com.jm.job.master.store.GroupMapper;
import com.jm.job.master.store.TaskMapper;
import com.jm.job.master.support.Fixtures;
import com.jm.job.master.support.MariaDbTest;
import com.jm.job.master.support.TestSecurity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real node and master over HTTP: a handler's lines (JobContext.log and SLF4J on its thread) can
 * be followed while it runs, and a run that writes 10,000 lines keeps the cap with a marker.
 */
@SpringBootTest(classes = JmJobMasterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RunLogEndToEndTest extends MariaDbTest {

    private static final Logger handlerLog = LoggerFactory.getLogger("com.example.ReportJob");

    @LocalServerPort
    int port;

    @Autowired
    GroupMapper groups;

    @Autowired
    TaskMapper tasks;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aClientFollowsARunningRunsLogUntilItEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        long runTask = taskIn("follow");
        JmJobNode node = node("follow", "helloJob", context -> {
            context.log("started {}", context.runId());
            handlerLog.info("through SLF4J on the run's thread");
            if (!release.await(20, TimeUnit.SECONDS)) {
                return JobResult.failure("never released");
            }
            context.log("finishing");
            return JobResult.success();
        });
        try {
            long run = await().atMost(Duration.ofSeconds(20)).until(() -> runOf(runTask), id -> id != null);
            Follower follower = new Follower(run);
            await().atMost(Duration.ofSeconds(10)).until(() -> follower.next().size() >= 2);
            assertThat(follower.texts).containsExactly("started " + run, "through SLF4J on the run's thread");
            assertThat(follower.running).as("the handler waits for the test").isTrue();

            release.countDown();

            await().atMost(Duration.ofSeconds(20)).until(() -> {
                follower.next();
                return !follower.running && follower.texts.contains("finishing");
            });
            assertThat(follower.texts)
                    .containsExactly("started " + run, "through SLF4J on the run's thread", "finishing");
        } finally {
            release.countDown();
            node.stop();
        }
    }

    @Test
    void aRunThatWrites10000LinesIsCappedAndMarked() throws Exception {
        long runTask = taskIn("capped");
        JmJobNode node = node("capped", "helloJob", context -> {
            for (int i = 0; i < 10_000; i++) {
                context.log("line {}", i);
            }
            return JobResult.success("wrote 10000 lines");
        });
        try {
            long run = await().atMost(Duration.ofSeconds(20)).until(() -> runOf(runTask), id -> id != null);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode page = read(run, 0, 1);
                return !page.get("running").asBoolean() && page.get("dropped").asLong() == 5001;
            });
            JsonNode tail = read(run, 4998, 10);
            assertThat(tail.get("lines")).hasSize(2);
            assertThat(tail.get("lines").get(0).get("text").asString()).isEqualTo("line 4998");
            assertThat(tail.get("lines").get(1).get("marker").asBoolean()).isTrue();
            assertThat(tail.get("lines").get(1).get("text").asString()).contains("reached its cap");
            assertThat(jdbc.queryForObject("SELECT state FROM jm_task_run WHERE id = ?", String.class, run))
                    .isEqualTo("SUCCEEDED");
        } finally {
            node.stop();
        }
    }

    /** Reads a run's log as a client following it would: from where the last read ended. */
    private final class Follower {

        final long run;
        final List<String> texts = new ArrayList<>();
        long offset;
        boolean running = true;

        Follower(long run) {
            this.run = run;
        }

        List<String> next() throws Exception {
            JsonNode page = read(run, offset, 100);
            page.get("lines").forEach(line -> texts.add(line.get("text").asString()));
            offset = page.get("nextOffset").asLong();
            running = page.get("running").asBoolean();
            return texts;
        }
    }

    private long taskIn(String group) {
        clean();
        long groupId = Fixtures.group(groups).getId();
        jdbc.update("UPDATE jm_group SET name = ? WHERE id = ?", group, groupId);
        return Fixtures.pendingTask(tasks, groupId, "logged").getId();
    }

    private Long runOf(long taskId) {
        return jdbc.query(
                "SELECT id FROM jm_task_run WHERE task_id = ?", rs -> rs.next() ? rs.getLong(1) : null, taskId);
    }

    private JsonNode read(long run, long offset, int limit) throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString(
                        (TestSecurity.VIEWER + ":" + TestSecurity.VIEWER_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs/" + run + "/log?offset="
                                + offset + "&limit=" + limit))
                        .header("Authorization", "Basic " + basic)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private JmJobNode node(String group, String beanName, com.jm.job.client.JobHandler handler) {
        JmJobNode node = JmJobNode.builder()
                .masterUrl("http://127.0.0.1:" + port)
                .token(TestSecurity.NODE_TOKEN)
                .group(group)
                .handler(beanName, handler)
                .pollWait(Duration.ofMillis(200))
                .heartbeatInterval(Duration.ofMillis(500))
                .backoff(Duration.ofMillis(100), Duration.ofMillis(300))
                .runLogBuffer(10_000, Duration.ofMillis(50))
                .shutdownGracePeriod(Duration.ofSeconds(1))
                .build();
        node.start();
        return node;
    }
}
