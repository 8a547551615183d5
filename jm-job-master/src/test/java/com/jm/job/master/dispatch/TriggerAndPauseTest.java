package com.jm.job.master.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.master.support.RegisteredNodeTest;
import com.jm.job.master.support.TestSecurity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/**
 * A trigger with its own params, and pausing a group, on MariaDB through the API and the node
 * protocol: what a node is handed, what the history records, and that nothing is claimed once a
 * pause has returned.
 */
@SpringBootTest(properties = "jm.job.master.retry-backoff-base=100ms")
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class TriggerAndPauseTest extends RegisteredNodeTest {

    @Test
    void triggerParamsRunForThatFireOnlyAndTheHistoryShowsThem() throws Exception {
        long task = idleTask("{\"day\":\"any\"}", 0);

        api("/api/tasks/" + task + "/trigger", "{\"params\":\"{\\\"day\\\":\\\"2026-12-01\\\"}\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.params").value("{\"day\":\"any\"}"));
        JsonNode handed = nodes.poll(nodeId, 1).get(0);
        assertThat(handed.get("params").asString()).isEqualTo("{\"day\":\"2026-12-01\"}");
        nodes.finish(nodeId, handed.get("runId").asLong(), "SUCCEEDED", "ok");

        api("/api/tasks/" + task + "/trigger", null).andExpect(status().isOk());
        JsonNode plain = nodes.poll(nodeId, 1).get(0);
        assertThat(plain.get("params").asString())
                .as("the next fire runs the task's params")
                .isEqualTo("{\"day\":\"any\"}");
        nodes.finish(nodeId, plain.get("runId").asLong(), "SUCCEEDED", "ok");

        JsonNode history =
                nodes.read(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                        "/api/tasks/" + task + "/runs")));
        assertThat(history.get("items").get(0).get("trigger").asString()).isEqualTo("MANUAL");
        assertThat(history.get("items").get(0).get("params").isNull()).isTrue();
        assertThat(history.get("items").get(1).get("params").asString()).isEqualTo("{\"day\":\"2026-12-01\"}");
        assertThat(jdbc.queryForObject("SELECT params FROM jm_task WHERE id = ?", String.class, task))
                .isEqualTo("{\"day\":\"any\"}");
    }

    @Test
    void aTriggeredFireKeepsItsParamsThroughItsRetries() throws Exception {
        long task = idleTask("own", 2);
        api("/api/tasks/" + task + "/trigger", "{\"params\":\"fire\"}").andExpect(status().isOk());
        nodes.finish(nodeId, nodes.poll(nodeId, 1).get(0).get("runId").asLong(), "FAILED", "boom");

        JsonNode retried =
                await().atMost(Duration.ofSeconds(10)).until(() -> nodes.poll(nodeId, 1), t -> t.size() == 1);
        assertThat(retried.get(0).get("params").asString()).isEqualTo("fire");
        assertThat(retried.get(0).get("attempt").asInt()).isEqualTo(2);
        nodes.finish(nodeId, retried.get(0).get("runId").asLong(), "SUCCEEDED", "ok");
        assertThat(jdbc.queryForObject("SELECT fire_params FROM jm_task WHERE id = ?", String.class, task))
                .as("gone once the fire ended")
                .isNull();
    }

    @Test
    void triggerIsRefusedWhileDisabledRunningOrPausedAndWritesNothing() throws Exception {
        long task = idleTask(null, 0);
        api("/api/tasks/" + task + "/disable", null).andExpect(status().isOk());
        api("/api/tasks/" + task + "/trigger", "{\"params\":\"x\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("disabled")));
        api("/api/tasks/" + task + "/enable", null).andExpect(status().isOk());

        api("/api/groups/" + groupId + "/pause", null).andExpect(status().isOk());
        api("/api/tasks/" + task + "/trigger", "{\"params\":\"x\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("paused")));
        api("/api/groups/" + groupId + "/resume", null).andExpect(status().isOk());

        api("/api/tasks/" + task + "/trigger", null).andExpect(status().isOk());
        nodes.poll(nodeId, 1);
        api("/api/tasks/" + task + "/trigger", "{\"params\":\"x\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("running")));
        assertThat(jdbc.queryForObject("SELECT fire_params FROM jm_task WHERE id = ?", String.class, task))
                .isNull();
        api("/api/tasks/987654/trigger", null).andExpect(status().isNotFound());
        api("/api/groups/987654/pause", null).andExpect(status().isNotFound());
    }

    @Test
    void aPausedGroupHandsOutNothingAndAResumeWakesItsHeldPolls() throws Exception {
        api("/api/groups/" + groupId + "/pause", null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paused").value(true));
        long task = pendingTask();
        assertThat(nodes.poll(nodeId, 5)).isEmpty();

        CompletableFuture<JsonNode> held = CompletableFuture.supplyAsync(() -> {
            try {
                return nodes.read(
                                nodes.call(NodeApi.POLL, Map.of("nodeId", nodeId, "maxTasks", 1, "waitMillis", 20_000)))
                        .get("tasks");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        api("/api/groups/" + groupId, null, "GET")
                .andExpect(jsonPath("$.paused").value(true));
        api("/api/groups/" + groupId + "/resume", null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paused").value(false));

        JsonNode claimed = held.get(15, TimeUnit.SECONDS);
        assertThat(claimed).hasSize(1);
        assertThat(claimed.get(0).get("taskId").asLong()).isEqualTo(task);
    }

    /** Many claimers against a pause: once the pause has returned, no run starts in the group. */
    @Test
    void noClaimStartsOnceAPauseHasReturned() throws Exception {
        List<Long> claimers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            claimers.add(
                    nodes.register(GROUP, "c" + i, "10.0.1." + i).get("nodeId").asLong());
        }
        for (int i = 0; i < 400; i++) {
            jdbc.update(
                    "INSERT INTO jm_task (name, bean_name, status, group_id, next_fire_time, pending_cause)"
                            + " VALUES ('p', 'helloJob', 1, ?, NOW(3), 'INSERT')",
                    groupId);
        }
        api("/api/index/rebuild", null).andExpect(status().isOk()); // rows written by hand
        AtomicBoolean paused = new AtomicBoolean();
        AtomicInteger pollsAfterPause = new AtomicInteger();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (long claimer : claimers) {
            loops.add(CompletableFuture.runAsync(() -> {
                try {
                    while (pollsAfterPause.get() < 20) {
                        boolean afterPause = paused.get();
                        nodes.poll(claimer, 2);
                        if (afterPause) {
                            pollsAfterPause.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> runs() >= 20);

        api("/api/groups/" + groupId + "/pause", null).andExpect(status().isOk());
        long atPause = runs();
        paused.set(true);
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(runs()).as("runs started after the pause returned").isEqualTo(atPause);
        assertThat(atPause).as("the claimers were really claiming").isLessThan(400);
    }

    private long runs() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run", Long.class);
    }

    private long idleTask(String params, int maxRetries) {
        jdbc.update(
                "INSERT INTO jm_task (name, bean_name, status, retry, max_retries, group_id, params)"
                        + " VALUES ('t', 'helloJob', 0, ?, ?, ?, ?)",
                maxRetries > 0 ? 1 : 0,
                maxRetries,
                groupId,
                params);
        return jdbc.queryForObject("SELECT MAX(id) FROM jm_task", Long.class);
    }

    private long pendingTask() throws Exception {
        return nodes.read(api("/api/tasks", "{\"name\":\"p\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "}")
                        .andExpect(status().isCreated()))
                .get("id")
                .asLong();
    }

    private ResultActions api(String path, String body) throws Exception {
        return api(path, body, "POST");
    }

    private ResultActions api(String path, String body, String method) throws Exception {
        var request = method.equals("GET")
                ? org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
                : post(path);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request);
    }
}
