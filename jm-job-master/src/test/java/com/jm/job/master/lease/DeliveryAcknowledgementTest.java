package com.jm.job.master.lease;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.master.support.RegisteredNodeTest;
import com.jm.job.master.support.TestSecurity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Delivery acknowledgement on MariaDB: a node that acknowledges deliveries gets its runs on the
 * short delivery lease, its acknowledgement (a heartbeat) turns it into the full lease, and a run
 * whose delivery lease lapses unacknowledged is pending again at once without using an attempt.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class DeliveryAcknowledgementTest extends RegisteredNodeTest {

    @Autowired
    LeaseRecovery recovery;

    @Test
    void anAcknowledgingNodesRunStartsOnTheDeliveryLeaseAndItsHeartbeatGrantsTheFullOne() throws Exception {
        long acking = nodes.registerAcknowledging(GROUP, "acking", "10.1.2.9");
        long task = createTask("t", "\"retry\":false");
        JsonNode answer =
                nodes.read(nodes.call(NodeApi.POLL, Map.of("nodeId", acking, "maxTasks", 1, "waitMillis", 0)));
        assertThat(answer.get("leaseMillis").asLong())
                .as("the default delivery lease")
                .isEqualTo(10_000);
        long run = answer.get("tasks").get(0).get("runId").asLong();
        assertThat(leaseLeftMillis(task)).isBetween(8_000L, 10_000L);
        assertThat(delivered(task)).isZero();

        JsonNode beat = nodes.heartbeat(acking, List.of(run));
        assertThat(beat.get("cancelRunIds")).isEmpty();
        assertThat(beat.get("leaseMillis").asLong()).isEqualTo(25_000);
        assertThat(leaseLeftMillis(task)).isBetween(23_000L, 25_000L);
        assertThat(delivered(task)).isOne();
    }

    @Test
    void aRunNeverAcknowledgedIsPendingAgainAtOnceWithoutUsingAnAttempt() throws Exception {
        long acking = nodes.registerAcknowledging(GROUP, "acking", "10.1.2.9");
        long task = createTask("t", "\"retry\":false");
        long run = nodes.read(nodes.call(NodeApi.POLL, Map.of("nodeId", acking, "maxTasks", 1, "waitMillis", 0)))
                .get("tasks")
                .get(0)
                .get("runId")
                .asLong();
        lapse(task);

        assertThat(recovery.recoverExpired()).isOne();

        assertThat(jdbc.queryForMap("SELECT status, attempt FROM jm_task WHERE id = ?", task))
                .as("pending, its attempt given back, although it has no retries")
                .containsEntry("status", 1)
                .containsEntry("attempt", 0);
        assertThat(jdbc.queryForObject("SELECT state FROM jm_task_run WHERE id = ?", String.class, run))
                .isEqualTo("UNDELIVERED");
        JsonNode again = nodes.poll(nodeId, 1);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).get("attempt").asInt())
                .as("still its first attempt")
                .isOne();
        assertThat(nodes.heartbeat(acking, List.of(run)).get("cancelRunIds"))
                .as("the node that did not acknowledge it no longer holds it")
                .hasSize(1);
    }

    @Test
    void aNodeThatDoesNotAcknowledgeGetsTheFullLeaseAndALapseIsALostRun() throws Exception {
        long task = createTask("t", "\"retry\":false");
        JsonNode answer =
                nodes.read(nodes.call(NodeApi.POLL, Map.of("nodeId", nodeId, "maxTasks", 1, "waitMillis", 0)));
        assertThat(answer.get("leaseMillis").asLong()).isEqualTo(25_000);
        assertThat(delivered(task)).isOne();
        lapse(task);

        recovery.recoverExpired();

        assertThat(jdbc.queryForObject("SELECT status FROM jm_task WHERE id = ?", Integer.class, task))
                .isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT state FROM jm_task_run WHERE task_id = ?", String.class, task))
                .isEqualTo("LOST");
    }

    private void lapse(long task) {
        jdbc.update("UPDATE jm_task SET lease_until = NOW(3) - INTERVAL 1 SECOND WHERE id = ?", task);
    }

    private long leaseLeftMillis(long task) {
        return jdbc.queryForObject(
                "SELECT TIMESTAMPDIFF(MICROSECOND, NOW(3), lease_until) / 1000 FROM jm_task WHERE id = ?",
                Long.class,
                task);
    }

    private int delivered(long task) {
        return jdbc.queryForObject("SELECT delivered FROM jm_task WHERE id = ?", Integer.class, task);
    }
}
