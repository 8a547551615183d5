package com.jm.job.master.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.master.lease.LeaseRecovery;
import com.jm.job.master.support.NodeCalls;
import com.jm.job.master.support.RegisteredNodeTest;
import com.jm.job.master.support.StatementLog;
import com.jm.job.master.support.TestSecurity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * The master's meters after a known workload driven through the node protocol on MariaDB. The
 * registry lives as long as the test context, so each test compares against what it read first.
 */
@SpringBootTest(properties = "jm.job.master.metrics-refresh-interval=1h")
@AutoConfigureMockMvc
@Import({TestSecurity.ActAsOperator.class, StatementLog.Installed.class})
class MasterMetricsTest extends RegisteredNodeTest {

    @Autowired
    StatementLog statementLog;

    @Autowired
    MeterRegistry registry;

    @Autowired
    GroupGauges gauges;

    @Autowired
    LeaseRecovery leaseRecovery;

    @Test
    void claimsAndFinishesAreCountedByGroupTriggerAndState() throws Exception {
        double startedBefore = counter("jmjob.runs.started", "trigger", "INSERT");
        double succeededBefore = counter("jmjob.runs.finished", "state", "SUCCEEDED", "trigger", "INSERT");
        double failedBefore = counter("jmjob.runs.finished", "state", "FAILED", "trigger", "INSERT");
        long latenessBefore = timerCount("jmjob.dispatch.lateness", "trigger", "INSERT");
        long durationsBefore = timerCount("jmjob.run.duration", "state", "SUCCEEDED");
        long batchesBefore = batches();
        for (int i = 0; i < 5; i++) {
            dueTaskSecondsAgo("t" + i, 2);
        }

        List<Long> runs = runIds(nodes.poll(nodeId, 5));
        assertThat(runs).hasSize(5);
        for (int i = 0; i < 5; i++) {
            nodes.finish(nodeId, runs.get(i), i < 3 ? "SUCCEEDED" : "FAILED", "m");
        }
        // A resent report ends nothing and counts nothing.
        nodes.finish(nodeId, runs.get(0), "SUCCEEDED", "again");

        assertThat(counter("jmjob.runs.started", "trigger", "INSERT") - startedBefore)
                .isEqualTo(5);
        assertThat(batches() - batchesBefore).isEqualTo(1);
        assertThat(registry.get("jmjob.claim.batch.size")
                        .tag("group", GROUP)
                        .summary()
                        .max())
                .isEqualTo(5);
        assertThat(timerCount("jmjob.dispatch.lateness", "trigger", "INSERT") - latenessBefore)
                .isEqualTo(5);
        // Due two seconds before the claim, by the database clock.
        assertThat(timerMaxMillis("jmjob.dispatch.lateness", "trigger", "INSERT"))
                .isGreaterThanOrEqualTo(2_000);
        assertThat(counter("jmjob.runs.finished", "state", "SUCCEEDED", "trigger", "INSERT") - succeededBefore)
                .isEqualTo(3);
        assertThat(counter("jmjob.runs.finished", "state", "FAILED", "trigger", "INSERT") - failedBefore)
                .isEqualTo(2);
        assertThat(timerCount("jmjob.run.duration", "state", "SUCCEEDED") - durationsBefore)
                .isEqualTo(3);
        // NodeCalls reports 12 ms for every run.
        assertThat(timerMaxMillis("jmjob.run.duration", "state", "SUCCEEDED")).isEqualTo(12);
    }

    @Test
    void lapsedLeasesCountAsLostOrUndeliveredRuns() throws Exception {
        double lostBefore = counter("jmjob.leases.lapsed", "state", "LOST");
        double undeliveredBefore = counter("jmjob.leases.lapsed", "state", "UNDELIVERED");
        double finishedLostBefore = counter("jmjob.runs.finished", "state", "LOST", "trigger", "INSERT");
        dueTaskSecondsAgo("delivered", 0);
        dueTaskSecondsAgo("undelivered", 0);
        List<Long> runs = runIds(nodes.poll(nodeId, 2));
        assertThat(runs).hasSize(2);
        jdbc.update("UPDATE jm_task SET lease_until = NOW(3) - INTERVAL 1 SECOND, delivered = (name = 'delivered')");

        assertThat(leaseRecovery.recoverExpired()).isEqualTo(2);

        assertThat(counter("jmjob.leases.lapsed", "state", "LOST") - lostBefore).isEqualTo(1);
        assertThat(counter("jmjob.leases.lapsed", "state", "UNDELIVERED") - undeliveredBefore)
                .isEqualTo(1);
        assertThat(counter("jmjob.runs.finished", "state", "LOST", "trigger", "INSERT") - finishedLostBefore)
                .isEqualTo(1);
    }

    @Test
    void gaugesCountPendingRunningAndOnlineNodesPerGroupWhenRefreshed() throws Exception {
        nodes.register("idle-group", "n2", "10.1.2.5");
        for (int i = 0; i < 3; i++) {
            dueTaskSecondsAgo("p" + i, 0);
        }
        assertThat(nodes.poll(nodeId, 1)).hasSize(1);
        nodes.heartbeat(nodeId, List.of());

        gauges.refresh();

        assertThat(gauge("jmjob.tasks.pending", GROUP)).isEqualTo(2);
        assertThat(gauge("jmjob.tasks.running", GROUP)).isEqualTo(1);
        assertThat(gauge("jmjob.nodes.online", GROUP)).isEqualTo(1);
        assertThat(gauge("jmjob.tasks.pending", "idle-group")).isZero();
        assertThat(gauge("jmjob.nodes.online", "idle-group")).isEqualTo(1);
        // The pending index is unavailable until a rebuild (background loops are off in tests).
        assertThat(registry.get("jmjob.index.available").gauge().value()).isZero();
    }

    @Test
    void aPollWaitingForWorkIsAHeldPollUntilWorkArrives() throws Exception {
        CompletableFuture<String> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return nodes.call(NodeApi.POLL, Map.of("nodeId", nodeId, "maxTasks", 1, "waitMillis", 20_000))
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> registry.get("jmjob.polls.held").gauge().value() == 1);

        mvc.perform(post("/api/tasks")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"wake\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "}"))
                .andExpect(status().isCreated());

        assertThat(poll.get(15, TimeUnit.SECONDS)).contains("\"taskName\":\"wake\"");
        assertThat(registry.get("jmjob.polls.held").gauge().value()).isZero();
    }

    /**
     * Metrics add no statement per run: a claim and finish of five runs sends the same statements
     * as of one, and none of them is the metrics' (the group's name is known after the first round).
     */
    @Test
    void claimingAndFinishingSendTheSameStatementsWhateverTheBatchSize() throws Exception {
        round(1);
        List<String> one = round(1);
        List<String> five = round(5);

        assertThat(five).isEqualTo(one);
        assertThat(one).isNotEmpty().noneMatch(id -> id.contains("MetricsMapper"));
    }

    /** Claims {@code runs} due tasks in one poll and finishes them in one report; the statements sent. */
    private List<String> round(int runs) throws Exception {
        for (int i = 0; i < runs; i++) {
            dueTaskSecondsAgo("r" + i, 0);
        }
        statementLog.start();
        List<Long> claimed = runIds(nodes.poll(nodeId, runs));
        nodes.call(
                NodeApi.FINISH,
                Map.of(
                        "nodeId",
                        nodeId,
                        "outcomes",
                        claimed.stream()
                                .map(id -> NodeCalls.outcome(id, "SUCCEEDED", "ok"))
                                .toList()));
        List<String> statements = statementLog.stop();
        assertThat(claimed).hasSize(runs);
        jdbc.update("DELETE FROM jm_task_run");
        jdbc.update("DELETE FROM jm_task");
        return statements;
    }

    private void dueTaskSecondsAgo(String name, int seconds) {
        jdbc.update(
                "INSERT INTO jm_task (name, bean_name, status, group_id, next_fire_time, pending_cause)"
                        + " VALUES (?, 'helloJob', 1, ?, NOW(3) - INTERVAL ? SECOND, 'INSERT')",
                name,
                groupId,
                seconds);
    }

    private static List<Long> runIds(JsonNode tasks) {
        List<Long> ids = new ArrayList<>();
        tasks.forEach(t -> ids.add(t.get("runId").asLong()));
        return ids;
    }

    /** A counter of the test's group; 0 before its first increment. */
    private double counter(String name, String... tags) {
        var counter = registry.find(name).tag("group", GROUP).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private long timerCount(String name, String... tags) {
        Timer timer = registry.find(name).tag("group", GROUP).tags(tags).timer();
        return timer == null ? 0 : timer.count();
    }

    private double timerMaxMillis(String name, String... tags) {
        return registry.get(name).tag("group", GROUP).tags(tags).timer().max(TimeUnit.MILLISECONDS);
    }

    private long batches() {
        var summary =
                registry.find("jmjob.claim.batch.size").tag("group", GROUP).summary();
        return summary == null ? 0 : summary.count();
    }

    private double gauge(String name, String group) {
        return registry.get(name).tag("group", group).gauge().value();
    }
}
