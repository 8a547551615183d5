package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Delivery acknowledgement, for real: a node in its own JVM is SIGKILLed while the master holds its
 * long poll. A task inserted then is claimed for the dead node (the master cannot tell it is gone)
 * and handed to an answer nobody reads. Without acknowledgements it would wait for the full lease;
 * with them it is pending again once the short delivery lease lapses, without using an attempt,
 * and runs on another node.
 */
class DeliveryEndToEndTest {

    private static final String GROUP = "delivery";
    private static final Duration LEASE = Duration.ofSeconds(25);
    private static final Duration DELIVERY_LEASE = Duration.ofSeconds(3);
    private static final Duration LEASE_CHECK_INTERVAL = Duration.ofMillis(200);
    /** Room for a busy two-core machine on top of delivery lease and check interval. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    @Test
    void aTaskHandedToTheHeldPollOfADeadNodeRunsElsewhereWithinTheDeliveryLease() {
        try (MasterInstance master = MasterInstance.onFreshDatabase(
                                "jm.job.master.lease=" + LEASE.toMillis() + "ms",
                                "jm.job.master.delivery-lease=" + DELIVERY_LEASE.toMillis() + "ms",
                                "jm.job.master.lease-check-interval=" + LEASE_CHECK_INTERVAL.toMillis() + "ms")
                        .start();
                ChildJvm doomed =
                        ChildJvm.node(master.url(), createGroup(master), "doomed", "jm.job.client.poll-wait=30s")) {
            JdbcTemplate jdbc = master.jdbc();
            MasterApi api = new MasterApi(master.url());
            long groupId = jdbc.queryForObject("SELECT id FROM jm_group WHERE name = ?", Long.class, GROUP);
            // A first run blocks one of the node's threads; the node then polls at once for the
            // others, and that poll is held: nothing else is due.
            long warmUp = api.insertTask(groupId, "warm-up", NodeMain.BEAN);
            await().atMost(Duration.ofSeconds(60))
                    .failFast("the node JVM exited; see " + doomed.log(), () -> !doomed.handle()
                            .isAlive())
                    .until(() -> doomed.output().contains(NodeMain.STARTED + runOf(jdbc, warmUp)));
            long doomedNode = jdbc.queryForObject("SELECT id FROM jm_node WHERE instance = 'doomed'", Long.class);
            assertThat(doomed.kill()).as("SIGKILL").isEqualTo(137);

            long task = api.insertTask(groupId, "handed to a dead node", NodeMain.BEAN);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.queryForList(
                                            "SELECT id FROM jm_task_run WHERE task_id = ? AND node_id = ?",
                                            Long.class,
                                            task,
                                            doomedNode)
                                    .size()
                            == 1);
            Map<Long, AtomicInteger> calls = RecordingHandler.sharedCounts();
            try (NodeInstance survivor = NodeInstance.start(
                    master.url(), GROUP, "survivor", Map.of(NodeMain.BEAN, new RecordingHandler("survivor", calls)))) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> jdbc.queryForObject(
                                        "SELECT COUNT(*) FROM jm_task_run WHERE task_id = ? AND state = 'SUCCEEDED'",
                                        Long.class,
                                        task)
                                == 1);
            }
            List<Map<String, Object>> runs = jdbc.queryForList(
                    "SELECT node_id, attempt, state, message, started_at, finished_at FROM jm_task_run"
                            + " WHERE task_id = ? ORDER BY id",
                    task);
            assertThat(runs).hasSize(2);
            assertThat(runs.get(0))
                    .containsEntry("node_id", doomedNode)
                    .containsEntry("state", "UNDELIVERED")
                    .containsEntry("attempt", 1);
            assertThat((String) runs.get(0).get("message")).contains("not acknowledged");
            assertThat(runs.get(1)).containsEntry("state", "SUCCEEDED").containsEntry("attempt", 1);
            Duration pendingAgainAfter =
                    Duration.between((LocalDateTime) runs.get(0).get("started_at"), (LocalDateTime)
                            runs.get(0).get("finished_at"));
            System.out.printf(
                    "DeliveryEndToEndTest: undelivered run back to pending %d ms after its claim (delivery lease %d ms, lease %d ms)%n",
                    pendingAgainAfter.toMillis(), DELIVERY_LEASE.toMillis(), LEASE.toMillis());
            assertThat(pendingAgainAfter)
                    .as("the delivery lease, not the full lease")
                    .isGreaterThanOrEqualTo(DELIVERY_LEASE)
                    .isLessThan(DELIVERY_LEASE.plus(LEASE_CHECK_INTERVAL).plus(MARGIN));
            assertThat(calls.get(task).get())
                    .as("handler calls on the survivor")
                    .isEqualTo(1);
        }
    }

    private static String createGroup(MasterInstance master) {
        new MasterApi(master.url()).createGroup(GROUP);
        return GROUP;
    }

    private static long runOf(JdbcTemplate jdbc, long task) {
        List<Long> runs = jdbc.queryForList("SELECT id FROM jm_task_run WHERE task_id = ?", Long.class, task);
        return runs.isEmpty() ? -1 : runs.get(0);
    }
}
