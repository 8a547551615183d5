package com.jm.job.master.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.master.lease.LeaseRecovery;
import com.jm.job.master.store.SqlDialects;
import com.jm.job.master.support.NodeCalls;
import com.jm.job.master.support.RegisteredNodeTest;
import com.jm.job.master.support.TestSecurity;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The master's half of the node protocol on MariaDB: each call and the state it leaves. */
@SpringBootTest(properties = "jm.job.master.retry-backoff-base=2s")
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class NodeProtocolTest extends RegisteredNodeTest {

    @Autowired
    LeaseRecovery leaseRecovery;

    @Autowired
    SqlSessionFactory sqlSessions;

    final JsonMapper json = JsonMapper.builder().build();
    Map<Long, String> sessions;

    @BeforeEach
    void keepSessions() {
        sessions = nodes.sessions();
    }

    @Test
    void registerCreatesTheGroupOnceAndReRegistrationKeepsTheNodeId() throws Exception {
        call(NodeApi.REGISTER, Map.of("group", "workers", "ip", "10.1.2.4", "instance", "n1", "threads", 8))
                .andExpect(jsonPath("$.nodeId").value(nodeId))
                .andExpect(jsonPath("$.groupId").value(groupId));
        assertThat(jdbc.queryForMap("SELECT ip, threads FROM jm_node WHERE id = ?", nodeId))
                .containsEntry("ip", "10.1.2.4")
                .containsEntry("threads", 8);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_group WHERE name = 'workers'", Long.class))
                .isEqualTo(1);
    }

    @Test
    void pollClaimsAtMostTheFreeSlotsWithARunRowEach() throws Exception {
        long a = task("a", 0, 0);
        long b = task("b", 0, 0);
        task("c", 0, 0);

        call(NodeApi.POLL, Map.of("nodeId", nodeId, "maxTasks", 2, "waitMillis", 0))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tasks.length()").value(2))
                .andExpect(jsonPath("$.tasks[0].taskId").value(a))
                .andExpect(jsonPath("$.tasks[1].taskId").value(b))
                .andExpect(jsonPath("$.tasks[0].attempt").value(1))
                .andExpect(jsonPath("$.tasks[0].beanName").value("helloJob"));
        assertThat(jdbc.queryForMap(
                        "SELECT status, node_id, lease_until IS NOT NULL AS leased FROM jm_task WHERE id = ?", a))
                .containsEntry("status", 2)
                .containsEntry("node_id", nodeId)
                .containsEntry("leased", 1);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM jm_task_run WHERE state = 'RUNNING' AND node_id = ?", Long.class, nodeId))
                .isEqualTo(2);
    }

    @Test
    void anIdlePollIsWokenByAnInsert() throws Exception {
        CompletableFuture<String> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return call(NodeApi.POLL, Map.of("nodeId", nodeId, "maxTasks", 1, "waitMillis", 20_000))
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long started = System.nanoTime();
        // Insert through the API so the write signals waiting polls, as an operator's would.
        mvc.perform(post("/api/tasks")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"late\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "}"))
                .andExpect(status().isCreated());
        JsonNode answer = json.readTree(poll.get(15, TimeUnit.SECONDS));
        assertThat(answer.get("tasks")).hasSize(1);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started))
                .as("answered on the insert, not at the end of the wait")
                .isLessThan(15);
    }

    @Test
    void successReportsEndTheRunAndResendsChangeNothing() throws Exception {
        long id = task("t", 0, 0);
        long runId = claimOne();

        finish(runId, "SUCCEEDED", "done")
                .andExpect(jsonPath("$.acknowledged[0]").value(runId));
        assertThat(jdbc.queryForMap("SELECT state, message, duration_ms FROM jm_task_run WHERE id = ?", runId))
                .containsEntry("state", "SUCCEEDED")
                .containsEntry("message", "done")
                .containsEntry("duration_ms", 12L);
        assertThat(jdbc.queryForMap("SELECT status, attempt, version FROM jm_task WHERE id = ?", id))
                .containsEntry("status", 0)
                .containsEntry("attempt", 0);
        long version = jdbc.queryForObject("SELECT version FROM jm_task WHERE id = ?", Long.class, id);

        finish(runId, "FAILED", "late duplicate")
                .andExpect(jsonPath("$.acknowledged[0]").value(runId));
        assertThat(jdbc.queryForObject("SELECT state FROM jm_task_run WHERE id = ?", String.class, runId))
                .isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForObject("SELECT version FROM jm_task WHERE id = ?", Long.class, id))
                .isEqualTo(version);
    }

    /**
     * On MariaDB the claim and finish statements take the batch as one JSON parameter; on MySQL (the
     * Testcontainers fallback) they run the portable forms, and so does {@link NodeProtocolPortableTest}.
     */
    protected String expectedDialect() {
        boolean mariaDb = jdbc.queryForObject("SELECT VERSION()", String.class).contains("MariaDB");
        return mariaDb ? SqlDialects.MARIADB : SqlDialects.MYSQL;
    }

    @Test
    void aBatchOfOutcomesIsAppliedRowByRowWithMessagesStoredExactly() throws Exception {
        assertThat(sqlSessions.getConfiguration().getDatabaseId()).isEqualTo(expectedDialect());
        long[] ids = {task("x", 0, 0), task("y", 1, 3), task("z", 0, 0)};
        Map<Long, Long> runOfTask = new java.util.HashMap<>();
        poll(nodeId, 3)
                .forEach(t ->
                        runOfTask.put(t.get("taskId").asLong(), t.get("runId").asLong()));
        assertThat(runOfTask).containsOnlyKeys(ids[0], ids[1], ids[2]);
        for (long id : ids) {
            assertThat(jdbc.queryForObject("SELECT run_id FROM jm_task WHERE id = ?", Long.class, id))
                    .isEqualTo(runOfTask.get(id));
        }
        String tricky = "é 😀 \"q\" \\ ' \n $[*] {\"a\":1} ); DROP TABLE jm_task; --";
        Map<String, Object> noMessage = new java.util.HashMap<>(outcome(runOfTask.get(ids[2]), "SUCCEEDED", "x"));
        noMessage.remove("message");
        noMessage.put("durationMillis", 7);

        call(
                        NodeApi.FINISH,
                        Map.of(
                                "nodeId",
                                nodeId,
                                "outcomes",
                                java.util.List.of(
                                        outcome(runOfTask.get(ids[0]), "SUCCEEDED", tricky),
                                        outcome(runOfTask.get(ids[1]), "FAILED", "boom"),
                                        noMessage)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.acknowledged.length()").value(3));

        assertThat(jdbc.queryForMap(
                        "SELECT state, message, duration_ms FROM jm_task_run WHERE id = ?", runOfTask.get(ids[0])))
                .containsEntry("state", "SUCCEEDED")
                .containsEntry("message", tricky)
                .containsEntry("duration_ms", 12L);
        assertThat(jdbc.queryForMap("SELECT state, message FROM jm_task_run WHERE id = ?", runOfTask.get(ids[1])))
                .containsEntry("state", "FAILED")
                .containsEntry("message", "boom");
        Map<String, Object> third = jdbc.queryForMap(
                "SELECT state, message, duration_ms FROM jm_task_run WHERE id = ?", runOfTask.get(ids[2]));
        assertThat(third).containsEntry("state", "SUCCEEDED").containsEntry("duration_ms", 7L);
        assertThat(third.get("message")).isNull();
        // Each task moved its own way: two one-shots back to NOT_STARTED, the failure with retries
        // left PENDING with its error.
        assertThat(jdbc.queryForMap("SELECT status, last_error FROM jm_task WHERE id = ?", ids[1]))
                .containsEntry("status", 1)
                .containsEntry("last_error", "boom");
        assertThat(jdbc.queryForList("SELECT status FROM jm_task WHERE id IN (?, ?)", Integer.class, ids[0], ids[2]))
                .containsOnly(0);
    }

    @Test
    void aFailureWithRetriesLeftIsPendingAgainAfterBackOffThenError() throws Exception {
        long id = task("flaky", 1, 1);
        long first = claimOne();
        finish(first, "FAILED", "boom");
        assertThat(jdbc.queryForMap(
                        "SELECT status, pending_cause, last_error,"
                                + " TIMESTAMPDIFF(MICROSECOND, NOW(3), next_fire_time) > 1000000 AS later"
                                + " FROM jm_task WHERE id = ?",
                        id))
                .containsEntry("status", 1)
                .containsEntry("pending_cause", "RETRY")
                .containsEntry("last_error", "boom")
                .containsEntry("later", 1);

        jdbc.update("UPDATE jm_task SET next_fire_time = NOW(3) WHERE id = ?", id);
        long second = claimOne();
        assertThat(jdbc.queryForMap("SELECT attempt, trigger_type FROM jm_task_run WHERE id = ?", second))
                .containsEntry("attempt", 2)
                .containsEntry("trigger_type", "RETRY");
        finish(second, "TIMED_OUT", "over 5s");
        assertThat(jdbc.queryForMap("SELECT status, last_error FROM jm_task WHERE id = ?", id))
                .containsEntry("status", 3)
                .containsEntry("last_error", "over 5s");
        assertThat(jdbc.queryForObject("SELECT state FROM jm_task_run WHERE id = ?", String.class, second))
                .isEqualTo("TIMED_OUT");
    }

    @Test
    void aNodeCannotReportOrHeartbeatAnotherNodesRun() throws Exception {
        long id = task("t", 0, 0);
        long runId = claimOne();
        long intruder = registerNode("n2", "10.9.9.9").get("nodeId").asLong();

        call(NodeApi.FINISH, Map.of("nodeId", intruder, "outcomes", java.util.List.of(outcome(runId, "FAILED", "x"))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("not handed to node " + intruder)));
        call(NodeApi.HEARTBEAT, Map.of("nodeId", intruder, "runIds", java.util.List.of(runId)))
                .andExpect(status().isForbidden());
        assertThat(jdbc.queryForObject("SELECT status FROM jm_task WHERE id = ?", Integer.class, id))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT state FROM jm_task_run WHERE id = ?", String.class, runId))
                .isEqualTo("RUNNING");
    }

    @Test
    void callsWithoutTheNodesSessionAreRefused() throws Exception {
        String stolen = sessions.remove(nodeId);
        call(NodeApi.POLL, Map.of("nodeId", nodeId, "maxTasks", 1, "waitMillis", 0))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(containsString("current session")));
        sessions.put(nodeId, stolen + "x");
        call(NodeApi.HEARTBEAT, Map.of("nodeId", nodeId, "runIds", java.util.List.of()))
                .andExpect(status().isNotFound());
        sessions.put(nodeId, stolen);
        call(NodeApi.HEARTBEAT, Map.of("nodeId", nodeId, "runIds", java.util.List.of()))
                .andExpect(status().isOk());
    }

    @Test
    void aNodeBackAfterItsLeaseWasTakenCannotOverwriteTheNewerRun() throws Exception {
        long id = task("t", 1, 3);
        long oldRun = claimOne();
        jdbc.update("UPDATE jm_task SET lease_until = TIMESTAMPADD(SECOND, -1, NOW(3)) WHERE id = ?", id);
        assertThat(leaseRecovery.recoverExpired()).isEqualTo(1);
        jdbc.update("UPDATE jm_task SET next_fire_time = NOW(3) WHERE id = ?", id);
        long newcomer = registerNode("n2", "10.9.9.8").get("nodeId").asLong();
        long newRun = poll(newcomer, 1).get(0).get("runId").asLong();

        finish(oldRun, "SUCCEEDED", "back from the dead");
        call(NodeApi.HEARTBEAT, Map.of("nodeId", nodeId, "runIds", java.util.List.of(oldRun)))
                .andExpect(jsonPath("$.cancelRunIds[0]").value(oldRun));

        assertThat(jdbc.queryForObject("SELECT state FROM jm_task_run WHERE id = ?", String.class, oldRun))
                .isEqualTo("LOST");
        assertThat(jdbc.queryForMap("SELECT status, run_id, node_id FROM jm_task WHERE id = ?", id))
                .containsEntry("status", 2)
                .containsEntry("run_id", newRun)
                .containsEntry("node_id", newcomer);
    }

    @Test
    void pollAndHeartbeatAnswersCarryTheLeaseLengthAndHowLongThePollWasHeld() throws Exception {
        // Nothing due: the poll is held for its whole wait and says so.
        JsonNode idle = json.readTree(call(NodeApi.POLL, Map.of("nodeId", nodeId, "maxTasks", 1, "waitMillis", 300))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(idle.get("tasks")).isEmpty();
        assertThat(idle.get("leaseMillis").asLong()).isEqualTo(25_000L);
        assertThat(idle.get("heldMillis").asLong()).isBetween(300L, 10_000L);

        task("t", 0, 0);
        JsonNode due = json.readTree(call(NodeApi.POLL, Map.of("nodeId", nodeId, "maxTasks", 1, "waitMillis", 0))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(due.get("tasks")).hasSize(1);
        assertThat(due.get("leaseMillis").asLong()).isEqualTo(25_000L);
        // Not held: what it reports is only the request's own work before the claim (a
        // millisecond or two on a busy machine), never a wait.
        assertThat(due.get("heldMillis").asLong()).isBetween(0L, 299L);
        long runId = jdbc.queryForObject("SELECT MAX(id) FROM jm_task_run", Long.class);

        call(NodeApi.HEARTBEAT, Map.of("nodeId", nodeId, "runIds", java.util.List.of(runId)))
                .andExpect(jsonPath("$.cancelRunIds.length()").value(0))
                .andExpect(jsonPath("$.leaseMillis").value(25_000));
        call(NodeApi.HEARTBEAT, Map.of("nodeId", nodeId, "runIds", java.util.List.of()))
                .andExpect(jsonPath("$.leaseMillis").value(25_000));
    }

    @Test
    void heartbeatsExtendLeasesAndAskToCancelRunsOfDisabledTasks() throws Exception {
        long id = task("t", 0, 0);
        long runId = claimOne();
        // Short, but not lapsed: the lease loop must not take the run while the test looks at it.
        jdbc.update("UPDATE jm_task SET lease_until = TIMESTAMPADD(SECOND, 3, NOW(3)) WHERE id = ?", id);

        call(NodeApi.HEARTBEAT, Map.of("nodeId", nodeId, "runIds", java.util.List.of(runId)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cancelRunIds.length()").value(0));
        assertThat(jdbc.queryForObject(
                        "SELECT TIMESTAMPDIFF(SECOND, NOW(3), lease_until) FROM jm_task WHERE id = ?", Long.class, id))
                .isGreaterThan(20L);

        mvc.perform(post("/api/tasks/" + id + "/disable")).andExpect(status().isOk());
        call(NodeApi.HEARTBEAT, Map.of("nodeId", nodeId, "runIds", java.util.List.of(runId)))
                .andExpect(jsonPath("$.cancelRunIds[0]").value(runId));
        finish(runId, "CANCELLED", "cancelled by operator");
        assertThat(jdbc.queryForMap("SELECT status, disable FROM jm_task WHERE id = ?", id))
                .containsEntry("status", 1)
                .containsEntry("disable", 1);
        call(NodeApi.POLL, Map.of("nodeId", nodeId, "maxTasks", 5, "waitMillis", 0))
                .andExpect(jsonPath("$.tasks.length()").value(0));
    }

    @Test
    void disabledNodesGetNoWorkAndDeregisteredNodesMustRegisterAgain() throws Exception {
        task("t", 0, 0);
        mvc.perform(post("/api/nodes/" + nodeId + "/disable")).andExpect(status().isOk());
        call(NodeApi.POLL, Map.of("nodeId", nodeId, "maxTasks", 5, "waitMillis", 0))
                .andExpect(jsonPath("$.tasks.length()").value(0));
        mvc.perform(post("/api/nodes/" + nodeId + "/enable")).andExpect(status().isOk());

        call(NodeApi.DEREGISTER, Map.of("nodeId", nodeId)).andExpect(status().isNoContent());
        call(NodeApi.POLL, Map.of("nodeId", nodeId, "maxTasks", 5, "waitMillis", 0))
                .andExpect(status().isNotFound());
        call(NodeApi.HEARTBEAT, Map.of("nodeId", nodeId, "runIds", java.util.List.of()))
                .andExpect(status().isNotFound());
        call(NodeApi.POLL, Map.of("nodeId", 987654, "maxTasks", 5, "waitMillis", 0))
                .andExpect(status().isNotFound());
        call(NodeApi.FINISH, Map.of("nodeId", 987654, "outcomes", java.util.List.of(outcome(1, "SUCCEEDED", "x"))))
                .andExpect(status().isNotFound());
    }

    private JsonNode registerNode(String instance, String ip) throws Exception {
        return nodes.register(GROUP, instance, ip);
    }

    private long task(String name, int retry, int maxRetries) {
        jdbc.update(
                "INSERT INTO jm_task (name, bean_name, status, retry, max_retries, group_id, next_fire_time,"
                        + " pending_cause) VALUES (?, 'helloJob', 1, ?, ?, ?, NOW(3), 'INSERT')",
                name,
                retry,
                maxRetries,
                groupId);
        return jdbc.queryForObject("SELECT MAX(id) FROM jm_task", Long.class);
    }

    private long claimOne() throws Exception {
        return poll(nodeId, 1).get(0).get("runId").asLong();
    }

    private JsonNode poll(long node, int maxTasks) throws Exception {
        return nodes.poll(node, maxTasks);
    }

    private ResultActions finish(long runId, String result, String message) throws Exception {
        return nodes.finish(nodeId, runId, result, message);
    }

    private static Map<String, Object> outcome(long runId, String result, String message) {
        return NodeCalls.outcome(runId, result, message);
    }

    private ResultActions call(String path, Map<String, ?> body) throws Exception {
        return nodes.call(path, body);
    }
}
