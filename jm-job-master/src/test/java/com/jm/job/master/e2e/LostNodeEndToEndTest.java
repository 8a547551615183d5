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
 * Lost node, for real: a node in a separate JVM is killed with SIGKILL in the middle of a run. No
 * report, no deregistration, no goodbye: only the lapsed lease tells the master. The run ends LOST
 * within the lease (plus the check interval) and the task is run again by the other node when it
 * retries, or ends in error when it does not.
 */
class LostNodeEndToEndTest {

    private static final String GROUP = "lost-node";
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration LEASE_CHECK_INTERVAL = Duration.ofMillis(200);
    /** Room for a busy two-core machine on top of lease and check interval. */
    private static final Duration DETECTION_MARGIN = Duration.ofSeconds(5);

    @Test
    void aRetryingTaskOfAKilledNodeIsLostAndRunAgainOnTheOtherNode() {
        killMidRun(true, killed -> {
            JdbcTemplate jdbc = killed.jdbc();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM jm_task_run WHERE task_id = ? AND state = 'SUCCEEDED'",
                                    Long.class,
                                    killed.task())
                            == 1);

            List<Map<String, Object>> runs = runs(jdbc, killed.task());
            assertThat(runs).hasSize(2);
            assertLost(runs.get(0), killed);
            assertThat(runs.get(1))
                    .containsEntry("node_id", nodeId(jdbc, "survivor"))
                    .containsEntry("state", "SUCCEEDED")
                    .containsEntry("attempt", 2)
                    .containsEntry("trigger_type", "RETRY");
            assertThat(killed.survivorCalls().get(killed.task()).get())
                    .as("handler calls on the survivor")
                    .isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT status FROM jm_task WHERE id = ?", Integer.class, killed.task()))
                    .as("a one-shot task that succeeded is not started again")
                    .isZero();
        });
    }

    @Test
    void aTaskWithoutRetryOfAKilledNodeEndsInError() {
        killMidRun(false, killed -> {
            JdbcTemplate jdbc = killed.jdbc();
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            jdbc.queryForObject("SELECT status FROM jm_task WHERE id = ?", Integer.class, killed.task())
                                    == 3);

            List<Map<String, Object>> runs = runs(jdbc, killed.task());
            assertThat(runs).hasSize(1);
            assertLost(runs.get(0), killed);
            assertThat(jdbc.queryForObject("SELECT last_error FROM jm_task WHERE id = ?", String.class, killed.task()))
                    .contains("lease expired")
                    .contains("node " + killed.doomedNode());
            assertThat(killed.survivorCalls())
                    .as("handler calls on the survivor")
                    .isEmpty();
        });
    }

    /** What a test checks once the node running its task has been killed. */
    @FunctionalInterface
    private interface AfterKill {
        void check(KilledRun killed);
    }

    /**
     * @param jdbc the master's database
     * @param task the task whose run was killed
     * @param doomedNode the killed node's id
     * @param killedAt the database time right after the node's JVM was gone
     * @param survivorCalls the surviving node's handler calls by task
     */
    private record KilledRun(
            JdbcTemplate jdbc,
            long task,
            long doomedNode,
            LocalDateTime killedAt,
            Map<Long, AtomicInteger> survivorCalls) {}

    /**
     * Runs a task on a node in another JVM, starts a healthy node beside it, kills the first node
     * while its handler runs and hands over to {@code afterKill}. Both nodes and the master are
     * stopped afterwards, whatever happened.
     */
    private static void killMidRun(boolean retry, AfterKill afterKill) {
        try (MasterInstance master = startMaster();
                ChildJvm doomed = startDoomedNode(master)) {
            long task = new MasterApi(master.url()).insertTask(task(groupId(master), retry));
            long doomedNode = awaitBlockingRun(master.jdbc(), doomed, task);
            Map<Long, AtomicInteger> calls = RecordingHandler.sharedCounts();
            // Started once the task runs elsewhere, so it can only take the task when the task is retried.
            try (NodeInstance survivor = startSurvivor(master, calls)) {
                LocalDateTime killedAt = kill(master.jdbc(), doomed);
                afterKill.check(new KilledRun(master.jdbc(), task, doomedNode, killedAt, calls));
            }
        }
    }

    /** A master with a short lease, and the group (made before any node could make it on register). */
    private static MasterInstance startMaster() {
        MasterInstance master = MasterInstance.onFreshDatabase(
                        "jm.job.master.lease=" + LEASE.toMillis() + "ms",
                        "jm.job.master.lease-check-interval=" + LEASE_CHECK_INTERVAL.toMillis() + "ms",
                        "jm.job.master.retry-backoff-base=100ms")
                .start();
        new MasterApi(master.url()).createGroup(GROUP);
        return master;
    }

    /**
     * The node to kill. Its polls are short: the master answers a poll it holds for a node that has
     * died as if the node were alive and claims work for it, so a poll still held when the lease
     * lapses could take the retry itself. Ending it before then keeps these tests about the lease.
     */
    private static ChildJvm startDoomedNode(MasterInstance master) {
        return ChildJvm.node(
                master.url(),
                GROUP,
                "doomed",
                "jm.job.client.heartbeat-interval=500ms",
                "jm.job.client.poll-wait=500ms");
    }

    private static NodeInstance startSurvivor(MasterInstance master, Map<Long, AtomicInteger> calls) {
        return NodeInstance.start(
                master.url(),
                GROUP,
                "survivor",
                Map.of(NodeMain.BEAN, new RecordingHandler("survivor", calls)),
                "jm.job.client.heartbeat-interval=500ms");
    }

    private static long groupId(MasterInstance master) {
        return master.jdbc().queryForObject("SELECT id FROM jm_group WHERE name = ?", Long.class, GROUP);
    }

    private static Map<String, Object> task(long groupId, boolean retry) {
        return Map.of(
                "name",
                "killed mid-run",
                "beanName",
                NodeMain.BEAN,
                "groupId",
                groupId,
                "retry",
                retry,
                "maxRetries",
                retry ? 1 : 0);
    }

    /**
     * Waits until the task runs on the node in the other JVM and its handler has started (the
     * node's output names the run); answers that node's id.
     */
    private static long awaitBlockingRun(JdbcTemplate jdbc, ChildJvm doomed, long task) {
        String query = "SELECT r.id FROM jm_task_run r JOIN jm_node n ON n.id = r.node_id"
                + " WHERE r.task_id = ? AND r.state = 'RUNNING' AND n.instance = 'doomed'";
        await().atMost(Duration.ofSeconds(60))
                .failFast("the node JVM exited; see " + doomed.log(), () -> !doomed.handle()
                        .isAlive())
                .until(() -> jdbc.queryForList(query, Long.class, task).size() == 1);
        long runId = jdbc.queryForObject(query, Long.class, task);
        await().atMost(Duration.ofSeconds(10)).until(() -> doomed.output().contains(NodeMain.STARTED + runId));
        return nodeId(jdbc, "doomed");
    }

    /** SIGKILLs the node's JVM, proves it is gone, and answers the database time right after. */
    private static LocalDateTime kill(JdbcTemplate jdbc, ChildJvm doomed) {
        ProcessHandle handle = doomed.handle();
        int exit = doomed.kill();
        assertThat(exit).as("exit status of a JVM ended by SIGKILL (128 + 9)").isEqualTo(137);
        assertThat(handle.isAlive()).isFalse();
        assertThat(ProcessHandle.of(handle.pid()).filter(ProcessHandle::isAlive))
                .isEmpty();
        return jdbc.queryForObject("SELECT NOW(3)", LocalDateTime.class);
    }

    /**
     * The run of the killed node: LOST for its lapsed lease, recorded after the kill (the lease did
     * not lapse while the node lived) and within lease + check interval + margin of it.
     */
    private static void assertLost(Map<String, Object> run, KilledRun killed) {
        assertThat(run)
                .containsEntry("node_id", killed.doomedNode())
                .containsEntry("state", "LOST")
                .containsEntry("attempt", 1);
        assertThat((String) run.get("message")).contains("lease expired").contains("node " + killed.doomedNode());
        Duration detection = Duration.between(killed.killedAt(), (LocalDateTime) run.get("finished_at"));
        System.out.printf(
                "LostNodeEndToEndTest: run LOST %d ms after SIGKILL (lease %d ms, check interval %d ms)%n",
                detection.toMillis(), LEASE.toMillis(), LEASE_CHECK_INTERVAL.toMillis());
        assertThat(detection)
                .isPositive()
                .isLessThan(LEASE.plus(LEASE_CHECK_INTERVAL).plus(DETECTION_MARGIN));
    }

    private static List<Map<String, Object>> runs(JdbcTemplate jdbc, long task) {
        return jdbc.queryForList(
                "SELECT node_id, attempt, trigger_type, state, message, finished_at FROM jm_task_run"
                        + " WHERE task_id = ? ORDER BY id",
                task);
    }

    private static long nodeId(JdbcTemplate jdbc, String instance) {
        return jdbc.queryForObject("SELECT id FROM jm_node WHERE instance = ?", Long.class, instance);
    }
}
