package com.jm.job.master.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.fire.StrandedUnits;
import com.jm.job.master.support.RegisteredNodeTest;
import com.jm.job.master.support.TestSecurity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Fires with several runs on MariaDB, through the node protocol: a sharded fire hands each shard
 * out once, a broadcast fire one run to each node, a failed shard is retried alone, and the fire
 * ends (once) when its last run does.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class MultiRunFireTest extends RegisteredNodeTest {

    @Autowired
    StrandedUnits stranded;

    @Autowired
    com.jm.job.master.schedule.CronFiring cronFiring;

    @Test
    void aShardedFireHandsOutEachShardOnceWithItsParamAndSucceedsWhenAllHave() throws Exception {
        long task = task("\"shards\":5,\"shardParams\":[\"s0\",\"s1\",\"s2\",\"s3\",\"s4\"],\"params\":\"p\"");
        long other = nodes.register(GROUP, "n2", "10.1.2.4").get("nodeId").asLong();

        assertThat(nodes.poll(nodeId, 10))
                .as("the claim starts the fire; its shards come next")
                .isEmpty();
        Map<String, Object> fire = jdbc.queryForMap(
                "SELECT id, node_id, state, shard_total, fire_id FROM jm_task_run WHERE task_id = ?", task);
        assertThat(fire.get("node_id")).isNull();
        assertThat(fire.get("state")).isEqualTo("RUNNING");
        assertThat(((Number) fire.get("shard_total")).intValue()).isEqualTo(5);
        assertThat(taskStatus(task)).isEqualTo(2);

        JsonNode first = nodes.poll(nodeId, 3);
        JsonNode second = nodes.poll(other, 10);
        assertThat(first).hasSize(3);
        assertThat(second).hasSize(2);
        assertThat(nodes.poll(nodeId, 10)).isEmpty();
        List<JsonNode> all = new ArrayList<>();
        first.forEach(all::add);
        second.forEach(all::add);
        assertThat(all).allSatisfy(run -> {
            assertThat(run.get("taskId").asLong())
                    .as("a shard is a run of its task")
                    .isEqualTo(task);
            assertThat(run.get("shardTotal").asInt()).isEqualTo(5);
            assertThat(run.get("params").asString()).isEqualTo("p");
            assertThat(run.get("shardParam").asString())
                    .isEqualTo("s" + run.get("shardIndex").asInt());
        });
        assertThat(all.stream().map(r -> r.get("shardIndex").asInt()).toList())
                .containsExactlyInAnyOrder(0, 1, 2, 3, 4);

        JsonNode running = nodes.read(send(get("/api/tasks/" + task + "/runs"), null));
        assertThat(running.get("total").asLong())
                .as("while the fire runs, its runs are in the task's history")
                .isEqualTo(6);
        JsonNode record = running.get("items").get(5);
        assertThat(record.path("nodeId").isMissingNode() || record.get("nodeId").isNull())
                .as("the fire's record ran on no node")
                .isTrue();
        assertThat(record.get("shardTotal").asInt()).isEqualTo(5);
        assertThat(running.get("items").get(0).get("fireId").asLong())
                .isEqualTo(record.get("id").asLong());
        assertThat(running.get("items").get(0).get("taskId").asLong()).isEqualTo(task);

        for (int i = 0; i < all.size(); i++) {
            nodes.finish(i < 3 ? nodeId : other, all.get(i).get("runId").asLong(), "SUCCEEDED", "ok");
            assertThat(taskStatus(task)).as("running until the last shard ends").isEqualTo(i < 4 ? 2 : 0);
        }
        assertThat(jdbc.queryForObject("SELECT state FROM jm_task_run WHERE id = ?", String.class, fire.get("id")))
                .isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForList(
                        "SELECT fire_id FROM jm_task_run WHERE task_id = ? AND id <> ?",
                        Long.class,
                        task,
                        fire.get("id")))
                .as("the shards' runs are the task's now, each naming its fire")
                .hasSize(5)
                .allSatisfy(f -> assertThat(f).isEqualTo(((Number) fire.get("id")).longValue()));
        assertThat(units()).as("the units are gone with their fire").isZero();
        JsonNode history = nodes.read(send(get("/api/tasks/" + task + "/runs"), null));
        assertThat(history.get("total").asLong()).isEqualTo(6);
    }

    @Test
    void aTriggersOwnParamsReachEveryShardAndTheHistoryOfEachRun() throws Exception {
        long task = task("\"shards\":2,\"params\":\"own\",\"runAt\":\"2099-01-01T00:00:00Z\"");
        send(post("/api/tasks/" + task + "/trigger"), "{\"params\":\"for this fire\"}")
                .andExpect(status().isOk());
        nodes.poll(nodeId, 10);
        JsonNode runs = nodes.poll(nodeId, 10);
        assertThat(runs)
                .hasSize(2)
                .allSatisfy(run -> assertThat(run.get("params").asString()).isEqualTo("for this fire"));
        assertThat(jdbc.queryForList("SELECT params FROM jm_task_run WHERE fire_id IS NOT NULL", String.class))
                .containsExactly("for this fire", "for this fire");
    }

    @Test
    void overlapParallelRunsUpToItsMaximumOfFiresSideBySideAndEachEndsOnItsOwn() throws Exception {
        long task = task("\"fixedRate\":\"PT1S\",\"overlap\":\"PARALLEL\",\"maxConcurrentFires\":2");
        long first = startParallelFire();
        assertThat(taskStatus(task))
                .as("room for another: back at its schedule")
                .isZero();
        long second = startParallelFire();
        assertThat(taskStatus(task))
                .as("its maximum: running until that fire ends")
                .isEqualTo(2);
        assertThat(runningRecords(task)).isEqualTo(2);

        nodes.finish(nodeId, first, "SUCCEEDED", "ok");
        assertThat(runningRecords(task)).as("the first fire ended on its own").isOne();
        assertThat(taskStatus(task)).isEqualTo(2);
        nodes.finish(nodeId, second, "SUCCEEDED", "ok");
        assertThat(runningRecords(task)).isZero();
        assertThat(taskStatus(task))
                .as("the fire it waited for ended: its schedule goes on")
                .isNotEqualTo(2);
        assertThat(jdbc.queryForList(
                        "SELECT state FROM jm_task_run WHERE task_id = ? AND node_id IS NULL AND shard_total = 1",
                        String.class,
                        task))
                .containsExactly("SUCCEEDED", "SUCCEEDED");
        assertThat(units()).isZero();
    }

    @Test
    void aDisableEndsEveryParallelFireOfTheTask() throws Exception {
        long task = task("\"fixedRate\":\"PT1S\",\"overlap\":\"PARALLEL\",\"maxConcurrentFires\":3");
        long first = startParallelFire();
        long second = startParallelFire();
        send(post("/api/tasks/" + task + "/disable"), null).andExpect(status().isOk());
        assertThat(nodes.heartbeat(nodeId, List.of(first, second)).get("cancelRunIds"))
                .hasSize(2);
        nodes.finish(nodeId, first, "CANCELLED", "stopped");
        nodes.finish(nodeId, second, "CANCELLED", "stopped");
        assertThat(runningRecords(task)).isZero();
        assertThat(jdbc.queryForList(
                        "SELECT state FROM jm_task_run WHERE task_id = ? AND node_id IS NULL", String.class, task))
                .containsExactly("CANCELLED", "CANCELLED");
        assertThat(units()).isZero();
    }

    /** Waits for the task's next slot, lets the cron loop fire it, and claims its one run. */
    private long startParallelFire() throws Exception {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> cronFiring.fireDue() > 0);
        assertThat(nodes.poll(nodeId, 10)).as("the claim starts the fire").isEmpty();
        JsonNode run = nodes.poll(nodeId, 10);
        assertThat(run).hasSize(1);
        return run.get(0).get("runId").asLong();
    }

    private long runningRecords(long task) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM jm_task_run WHERE task_id = ? AND node_id IS NULL AND state = 'RUNNING'",
                Long.class,
                task);
    }

    @Test
    void aFailedShardIsRetriedAloneOnItsOwnAttemptsAndAnExhaustedOneFailsTheFireOnce() throws Exception {
        long task = task("\"shards\":3,\"retry\":true,\"maxRetries\":1");
        nodes.poll(nodeId, 10);
        JsonNode runs = nodes.poll(nodeId, 10);
        assertThat(runs).hasSize(3);
        long failing = runs.get(1).get("runId").asLong();
        int failingShard = runs.get(1).get("shardIndex").asInt();
        nodes.finish(nodeId, runs.get(0).get("runId").asLong(), "SUCCEEDED", "ok");
        nodes.finish(nodeId, runs.get(2).get("runId").asLong(), "SUCCEEDED", "ok");
        nodes.finish(nodeId, failing, "FAILED", "boom");
        dueNow();

        JsonNode retry = nodes.poll(nodeId, 10);
        assertThat(retry).as("only the failed shard runs again").hasSize(1);
        assertThat(retry.get(0).get("shardIndex").asInt()).isEqualTo(failingShard);
        assertThat(retry.get(0).get("attempt").asInt()).isEqualTo(2);
        nodes.finish(nodeId, retry.get(0).get("runId").asLong(), "FAILED", "boom again");
        dueNow();

        assertThat(nodes.poll(nodeId, 10)).as("its retries are spent").isEmpty();
        assertThat(taskStatus(task))
                .as("the fire failed, and is not run again whole")
                .isEqualTo(3);
        assertThat(jdbc.queryForObject(
                        "SELECT message FROM jm_task_run WHERE task_id = ? AND fire_id IS NULL", String.class, task))
                .isEqualTo("2 of 3 runs succeeded, 1 failed (1 FAILED)");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM jm_task_run WHERE task_id = ? AND state = 'SUCCEEDED'", Long.class, task))
                .as("no succeeded shard ran twice")
                .isEqualTo(2);
        assertThat(units()).isZero();
    }

    @Test
    void aBroadcastGivesEachOnlineNodeExactlyItsOwnRunAndANodeThatJoinsLaterNone() throws Exception {
        long n2 = nodes.register(GROUP, "n2", "10.1.2.4").get("nodeId").asLong();
        long n3 = nodes.register(GROUP, "n3", "10.1.2.5").get("nodeId").asLong();
        long task = task("\"mode\":\"BROADCAST\"");

        assertThat(nodes.poll(n3, 10)).isEmpty();
        long late = nodes.register(GROUP, "late", "10.1.2.6").get("nodeId").asLong();
        List<Long> runs = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (long node : List.of(nodeId, n2, n3)) {
            JsonNode mine = nodes.poll(node, 10);
            assertThat(mine).as("node %s gets its own run only", node).hasSize(1);
            assertThat(mine.get(0).get("shardTotal").asInt()).isEqualTo(3);
            indexes.add(mine.get(0).get("shardIndex").asInt());
            runs.add(mine.get(0).get("runId").asLong());
            assertThat(jdbc.queryForObject(
                            "SELECT node_id FROM jm_task_run WHERE id = ?",
                            Long.class,
                            mine.get(0).get("runId").asLong()))
                    .isEqualTo(node);
        }
        assertThat(indexes).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(nodes.poll(late, 10))
                .as("a node that joined after the fire gets none of it")
                .isEmpty();
        assertThat(nodes.poll(nodeId, 10)).isEmpty();

        nodes.finish(nodeId, runs.get(0), "SUCCEEDED", "ok");
        nodes.finish(n2, runs.get(1), "SUCCEEDED", "ok");
        nodes.finish(n3, runs.get(2), "SUCCEEDED", "ok");
        assertThat(taskStatus(task)).isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT message FROM jm_task_run WHERE task_id = ? AND fire_id IS NULL", String.class, task))
                .isEqualTo("3 of 3 runs succeeded");
    }

    @Test
    void aBroadcastRunWhoseNodeGoesAwayBeforeTakingItIsLostAndTheFireFails() throws Exception {
        long n2 = nodes.register(GROUP, "n2", "10.1.2.4").get("nodeId").asLong();
        long task = task("\"mode\":\"BROADCAST\"");
        nodes.poll(nodeId, 10);
        JsonNode mine = nodes.poll(nodeId, 10);
        assertThat(mine).hasSize(1);
        jdbc.update("UPDATE jm_node SET last_heartbeat_at = NOW(3) - INTERVAL 1 HOUR WHERE id = ?", n2);

        assertThat(stranded.sweep()).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT state FROM jm_task_run WHERE node_id = ? AND task_id IN (SELECT id FROM jm_task WHERE unit_of = ?)",
                        String.class,
                        n2,
                        task))
                .isEqualTo("LOST");
        assertThat(taskStatus(task)).as("the other run still runs").isEqualTo(2);
        nodes.finish(nodeId, mine.get(0).get("runId").asLong(), "SUCCEEDED", "ok");
        assertThat(taskStatus(task)).isEqualTo(3);
        assertThat(jdbc.queryForObject(
                        "SELECT message FROM jm_task_run WHERE task_id = ? AND fire_id IS NULL", String.class, task))
                .isEqualTo("1 of 2 runs succeeded, 1 failed (1 LOST)");
        assertThat(stranded.sweep()).isZero();
    }

    @Test
    void aBroadcastWithNoOnlineNodeFailsAtOnce() throws Exception {
        long task = task("\"mode\":\"BROADCAST\"");
        jdbc.update("UPDATE jm_node SET last_heartbeat_at = NOW(3) - INTERVAL 1 HOUR");
        assertThat(nodes.poll(nodeId, 10)).isEmpty();
        assertThat(taskStatus(task)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT last_error FROM jm_task WHERE id = ?", String.class, task))
                .contains("no enabled, online node");
    }

    @Test
    void aDisableDuringAShardedFireStartsNoFurtherRunAndTheFireEndsCancelled() throws Exception {
        long task = task("\"shards\":4");
        nodes.poll(nodeId, 10);
        JsonNode running = nodes.poll(nodeId, 2);
        assertThat(running).hasSize(2);

        send(post("/api/tasks/" + task + "/disable"), null).andExpect(status().isOk());
        assertThat(nodes.poll(nodeId, 10)).as("no further run starts").isEmpty();
        long first = running.get(0).get("runId").asLong();
        long second = running.get(1).get("runId").asLong();
        assertThat(nodes.heartbeat(nodeId, List.of(first, second)).get("cancelRunIds"))
                .as("the running ones are told to stop")
                .hasSize(2);
        nodes.finish(nodeId, first, "CANCELLED", "stopped");
        assertThat(taskStatus(task)).isEqualTo(2);
        nodes.finish(nodeId, second, "SUCCEEDED", "finished before it heard");

        assertThat(jdbc.queryForObject(
                        "SELECT state FROM jm_task_run WHERE task_id = ? AND fire_id IS NULL", String.class, task))
                .isEqualTo("CANCELLED");
        assertThat(units()).isZero();
        send(post("/api/tasks/" + task + "/enable"), null).andExpect(status().isOk());
        assertThat(taskStatus(task))
                .as("enabled again, it waits for its next fire")
                .isEqualTo(1);
    }

    @Test
    void aDisableWhileNoShardRunsEndsTheFireAtOnce() throws Exception {
        long task = task("\"shards\":3");
        nodes.poll(nodeId, 10);
        send(post("/api/tasks/" + task + "/disable"), null).andExpect(status().isOk());
        assertThat(taskStatus(task)).isEqualTo(1);
        assertThat(units()).isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT message FROM jm_task_run WHERE task_id = ? AND fire_id IS NULL", String.class, task))
                .isEqualTo("0 of 3 runs succeeded, 3 cancelled or never started (the task was disabled)");
    }

    @Test
    void aTaskWithTagsGoesOnlyToANodeThatHasThemAll() throws Exception {
        long gpuOnly = nodes.register(GROUP, "gpu", "10.1.2.7", List.of("gpu"))
                .get("nodeId")
                .asLong();
        long both = nodes.register(GROUP, "both", "10.1.2.8", List.of("region:eu", "gpu"))
                .get("nodeId")
                .asLong();
        long task = task("\"tags\":[\"gpu\",\"region:eu\"]");

        assertThat(nodes.poll(nodeId, 10)).as("no tags").isEmpty();
        assertThat(nodes.poll(gpuOnly, 10)).as("one of the two").isEmpty();
        assertThat(view(task).path("waitingFor").isMissingNode()
                        || view(task).get("waitingFor").isNull())
                .as("a node that can take it is online")
                .isTrue();
        JsonNode handed = nodes.poll(both, 10);
        assertThat(handed).hasSize(1);
        assertThat(handed.get(0).get("taskId").asLong()).isEqualTo(task);

        long nobody = task("\"tags\":[\"tpu\"]");
        assertThat(view(nobody).get("waitingFor").asString())
                .as("the view says why it waits")
                .isEqualTo("no enabled, online node of group " + groupId + " has all of the tags [tpu]");
        send(post("/api/groups/" + groupId + "/pause"), null).andExpect(status().isOk());
        assertThat(view(nobody).get("waitingFor").asString()).contains("is paused");
        jdbc.update("UPDATE jm_node SET last_heartbeat_at = NOW(3) - INTERVAL 1 HOUR");
        send(post("/api/groups/" + groupId + "/resume"), null).andExpect(status().isOk());
        assertThat(nodes.read(send(get("/api/tasks?groupId=" + groupId), null))
                        .get("items")
                        .get(0)
                        .get("waitingFor")
                        .asString())
                .as("lists say it too")
                .isEqualTo("no enabled, online node in group " + groupId);
    }

    private JsonNode view(long task) throws Exception {
        return nodes.read(send(get("/api/tasks/" + task), null));
    }

    @Test
    void manyNodesClaimingOneShardedFireRunEachShardExactlyOnce() throws Exception {
        int shards = 200;
        long task = task("\"shards\":" + shards);
        List<Long> workers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            workers.add(
                    nodes.register(GROUP, "w" + i, "10.2.0." + i).get("nodeId").asLong());
        }
        nodes.poll(nodeId, 1);
        List<java.util.concurrent.Future<List<Integer>>> claims = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(8);
        try {
            for (long worker : workers) {
                claims.add(pool.submit(() -> {
                    start.await();
                    List<Integer> mine = new ArrayList<>();
                    for (JsonNode batch = claimAsANodeWould(worker);
                            !batch.isEmpty();
                            batch = claimAsANodeWould(worker)) {
                        batch.forEach(r -> mine.add(r.get("shardIndex").asInt()));
                    }
                    return mine;
                }));
            }
            List<Integer> all = new ArrayList<>();
            int workersWithShards = 0;
            for (var claim : claims) {
                List<Integer> mine = claim.get();
                all.addAll(mine);
                workersWithShards += mine.isEmpty() ? 0 : 1;
            }
            assertThat(all).hasSize(shards).doesNotHaveDuplicates();
            assertThat(workersWithShards)
                    .as("the shards spread over the claimers")
                    .isGreaterThan(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(DISTINCT shard_index) FROM jm_task_run WHERE fire_id IS NOT NULL", Long.class))
                .isEqualTo(shards);
        assertThat(task).isPositive();
    }

    /**
     * One poll of a node in a race: a 503 (the database was busy, nothing changed) is answered as a
     * node answers it, by polling again; any other refusal fails the test with its body.
     */
    private JsonNode claimAsANodeWould(long worker) throws Exception {
        while (true) {
            ResultActions result = nodes.call(
                    com.jm.job.common.protocol.NodeApi.POLL, Map.of("nodeId", worker, "maxTasks", 7, "waitMillis", 0));
            int status = result.andReturn().getResponse().getStatus();
            if (status == 200) {
                return nodes.read(result).get("tasks");
            }
            assertThat(status)
                    .as(
                            "poll of node %s answered %s",
                            worker, result.andReturn().getResponse().getContentAsString())
                    .isEqualTo(503);
        }
    }

    private void dueNow() {
        jdbc.update("UPDATE jm_task SET next_fire_time = NOW(3) WHERE unit_of IS NOT NULL AND status = 1");
    }

    private long units() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM jm_task WHERE unit_of IS NOT NULL", Long.class);
    }

    private int taskStatus(long task) {
        return jdbc.queryForObject("SELECT status FROM jm_task WHERE id = ?", Integer.class, task);
    }

    private long task(String extra) throws Exception {
        String body = "{\"name\":\"multi\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "," + extra + "}";
        return nodes.read(send(post("/api/tasks"), body).andExpect(status().isCreated()))
                .get("id")
                .asLong();
    }

    private ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request);
    }
}
