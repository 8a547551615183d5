package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Every alarm event through the paths that produce it in production, with two masters on one
 * database and a real node (the starter) polling both: runs that FAILED or TIMED_OUT as the node
 * reports them through its finish call, tasks that went to ERROR with them, fires that started late
 * and groups left without a node as both masters' detectors find them, a flapping task against a
 * rule's silence window, and a sharded fire whose units failed. Each event reaches a real HTTP
 * receiver and a real SMTP server once, not once per master.
 *
 * <p>Lost runs (a lapsed lease) are {@link AlarmEndToEndTest}'s: the same two masters, webhook and
 * mail.
 */
class AlarmEventsEndToEndTest {

    private static final String[] RUN_ENDS = {"RUN_FAILED", "RUN_TIMED_OUT", "TASK_ERROR"};
    private AlarmCluster cluster;
    private AlarmReceivers receivers;
    private MasterInstance a;
    private MasterInstance b;
    private JdbcTemplate jdbc;
    private MasterApi api;

    @BeforeEach
    void start() {
        cluster = new AlarmCluster(
                "jm.job.master.retry-backoff-base=100ms", "jm.job.master.alarms.detect-interval=200ms");
        receivers = cluster.receivers;
        a = cluster.a;
        b = cluster.b;
        jdbc = cluster.jdbc();
        api = cluster.api;
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void failedAndTimedOutRunsReportedByTheNodeAndTheirTasksErrorsAreDeliveredOnceEach() throws Exception {
        long group = api.createGroup("finishes");
        long hook = cluster.rule(cluster.webhook("run ends", RUN_ENDS));
        long mail = cluster.rule(cluster.mail("run ends by mail", RUN_ENDS));
        cluster.startSecond();
        try (NodeInstance node = node("finishes", Map.of())) {
            long refuses = api.insertTask(Map.of("name", "refuses", "beanName", "refusingJob", "groupId", group));
            long overruns = api.insertTask(
                    Map.of("name", "overruns", "beanName", "overrunJob", "groupId", group, "timeoutSeconds", 1));
            long retried = api.insertTask(Map.of(
                    "name", "retried", "beanName", "refusingJob", "groupId", group, "retry", true, "maxRetries", 1));

            // refuses: RUN_FAILED + TASK_ERROR; overruns: RUN_TIMED_OUT + TASK_ERROR; retried: two
            // RUN_FAILED (the first attempt and its retry) + TASK_ERROR. Seven per rule.
            await().atMost(Duration.ofSeconds(40)).until(() -> cluster.deliveries("state = 'DELIVERED'") == 14);
            assertThat(cluster.deliveries("1 = 1")).isEqualTo(14);
            assertThat(jdbc.queryForMap(
                            "SELECT COUNT(*) AS runs, COUNT(node_id) AS by_node"
                                    + " FROM jm_task_run WHERE task_id IN (?, ?, ?)",
                            refuses,
                            overruns,
                            retried))
                    .as("every run was ended by the node's own report")
                    .containsEntry("runs", 4L)
                    .containsEntry("by_node", 4L);

            assertThat(receivers.received()).hasSize(7);
            assertThat(receivers.received().stream().map(r -> r.header("X-JmJob-Delivery")))
                    .doesNotHaveDuplicates();
            assertThat(receivers.hooks("RUN_FAILED", "taskId", refuses)).isEqualTo(1);
            assertThat(receivers.hooks("TASK_ERROR", "taskId", refuses)).isEqualTo(1);
            assertThat(receivers.hooks("RUN_TIMED_OUT", "taskId", overruns)).isEqualTo(1);
            assertThat(receivers.hooks("RUN_FAILED", "taskId", overruns)).isZero();
            assertThat(receivers.hooks("TASK_ERROR", "taskId", overruns)).isEqualTo(1);
            assertThat(receivers.hooks("RUN_FAILED", "taskId", retried)).isEqualTo(2);
            assertThat(receivers.hooks("TASK_ERROR", "taskId", retried)).isEqualTo(1);
            assertThat(body("RUN_FAILED", refuses).get("message").asString())
                    .isEqualTo("FAILED: quota exceeded for tenant 7");
            assertThat(body("RUN_TIMED_OUT", overruns).get("message").asString())
                    .isEqualTo("TIMED_OUT: timed out after 1 s");
            assertThat(body("TASK_ERROR", retried).get("message").asString())
                    .isEqualTo("no automatic retry left after FAILED: quota exceeded for tenant 7");
            assertThat(body("TASK_ERROR", retried).get("ruleId").asLong()).isEqualTo(hook);

            assertThat(receivers.mails()).hasSize(7);
            assertThat(receivers.mails("[jm-job] RUN_FAILED task " + refuses + " 'refuses' in group " + group))
                    .isEqualTo(1);
            assertThat(receivers.mails("[jm-job] RUN_TIMED_OUT task " + overruns + " "))
                    .isEqualTo(1);
            assertThat(receivers.mails("[jm-job] RUN_FAILED task " + retried + " "))
                    .isEqualTo(2);
            assertThat(receivers.mails("[jm-job] TASK_ERROR task ")).isEqualTo(3);
            assertThat(cluster.deliveries("rule_id = " + mail + " AND attempts = 1"))
                    .isEqualTo(7);
        }
    }

    @Test
    void lateFiresAndGroupsWithoutNodesAreDetectedOnceByTwoMastersAndAShardedFireIsLateOnce() {
        long group = api.createGroup("late");
        String[] events = {"FIRE_LATE", "NO_NODE"};
        Map<String, Object> thresholds = Map.of("lateAfterMs", 1000, "noNodeForMs", 1000);
        cluster.rule(with(cluster.webhook("late or unattended", events), thresholds));
        cluster.rule(with(cluster.mail("late or unattended by mail", events), thresholds));
        cluster.startSecond();
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        JobHandler holdsTheFirstCall = context -> {
            if (first.getAndSet(false) && !release.await(60, TimeUnit.SECONDS)) {
                return JobResult.failure("never released");
            }
            return JobResult.success();
        };
        Map<String, Object> handlers = Map.of("lateJob", holdsTheFirstCall);

        // No node has ever been in the group: it has none since it was created, and the fire of
        // a task in it waits.
        long sharded =
                api.insertTask(Map.of("name", "late-sharded", "beanName", "lateJob", "groupId", group, "shards", 3));
        await().atMost(Duration.ofSeconds(20)).until(() -> receivers.hooks("NO_NODE", "groupId", group) == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> dueForMs("id = " + sharded) > 1500);
        try (NodeInstance node = node("late", handlers, "jm.job.client.worker-threads=1")) {
            // The fire starts late; with one thread the first unit holds the node while the other
            // two wait, so they start late as well: three late runs, one late fire.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dueForMs("unit_of = " + sharded + " AND status = 1") > 1500
                            && count("jm_task WHERE unit_of = " + sharded + " AND status = 1") == 2);
            release.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> FireHistory.ended(jdbc, sharded, "SUCCEEDED") == 1);
        }
        // The node left: the group has none again, since its last heartbeat.
        long sentinel = api.insertTask(Map.of("name", "late-sentinel", "beanName", "lateJob", "groupId", group));
        await().atMost(Duration.ofSeconds(20)).until(() -> receivers.hooks("NO_NODE", "groupId", group) == 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> dueForMs("id = " + sentinel) > 1500);
        try (NodeInstance node = node("late", handlers)) {
            // The sentinel's run came after every run of the fire: the master that found it late
            // had looked at all of them.
            await().atMost(Duration.ofSeconds(20)).until(() -> receivers.hooks("FIRE_LATE", "taskId", sentinel) == 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> cluster.deliveries("state = 'DELIVERED'") == 8);
            assertThat(lateRuns(sharded))
                    .as("runs of the fire that started late")
                    .isEqualTo(3);
            assertThat(receivers.hooks("FIRE_LATE", "taskId", sharded)).isEqualTo(1);
            JsonNode late = body("FIRE_LATE", sharded);
            assertThat(late.get("runId").asLong())
                    .as("the fire's record run")
                    .isEqualTo(jdbc.queryForObject(
                            "SELECT id FROM jm_task_run WHERE task_id = ? AND node_id IS NULL", Long.class, sharded));
            assertThat(late.get("message").asString()).contains("started").contains("after it was due");
            assertThat(receivers.hooks("NO_NODE", "groupId", group)).isEqualTo(2);
            assertThat(receivers.received()).hasSize(4);
            assertThat(receivers.mails("[jm-job] NO_NODE in group " + group + " 'late'"))
                    .isEqualTo(2);
            assertThat(receivers.mails("[jm-job] FIRE_LATE task ")).isEqualTo(2);
            assertThat(cluster.deliveries("1 = 1")).isEqualTo(8);
        }
    }

    @Test
    void aFlappingTaskIsToldOnceWithinTheSilenceWindowAndAgainAfterIt() {
        long group = api.createGroup("flapping");
        long silenceMs = 6000;
        cluster.rule(with(cluster.webhook("flapping", "RUN_FAILED", "TASK_ERROR"), Map.of("silenceMs", silenceMs)));
        cluster.startSecond();
        try (NodeInstance node = node("flapping", Map.of())) {
            long task = api.insertTask(Map.of(
                    "name", "flaps", "beanName", "refusingJob", "groupId", group, "retry", true, "maxRetries", 3));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> cluster.deliveries(FAILED + " AND state IN ('DELIVERED', 'SILENCED')") == 4
                            && cluster.deliveries(ERROR + " AND state IN ('DELIVERED', 'SILENCED')") == 1);
            assertThat(cluster.deliveries(FAILED + " AND state = 'DELIVERED'")).isEqualTo(1);
            assertThat(cluster.deliveries(ERROR + " AND state = 'DELIVERED'"))
                    .as("the task's ERROR, within the window of its failures: another kind, told")
                    .isEqualTo(1);
            assertThat(told("RUN_FAILED")).hasSize(1);

            // Once the window has passed since the one send, the next failure is told again.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT TIMESTAMPDIFF(MICROSECOND, last_sent_at, NOW(3)) FROM jm_alarm_silence"
                                            + " WHERE subject LIKE '%:RUN_FAILED'",
                                    Long.class)
                            > silenceMs * 1000);
            long before = cluster.deliveries(FAILED);
            api.post("/api/tasks/" + task + "/retry", "");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> cluster.deliveries(FAILED + " AND state IN ('DELIVERED', 'SILENCED')") == before + 4
                            && jdbc.queryForObject("SELECT status FROM jm_task WHERE id = ?", Integer.class, task)
                                    == 3);
            assertThat(cluster.deliveries(FAILED + " AND state = 'DELIVERED'")).isEqualTo(2);
            List<Long> told = told("RUN_FAILED");
            assertThat(told).hasSize(2);
            assertThat(told.get(1)).isGreaterThan(told.get(0));
            assertThat(jdbc.queryForObject(
                            "SELECT TIMESTAMPDIFF(MICROSECOND, MIN(occurred_at), MAX(occurred_at)) FROM jm_alarm_delivery"
                                    + " WHERE state = 'DELIVERED' AND " + FAILED,
                            Long.class))
                    .isGreaterThan(silenceMs * 1000);
        }
    }

    private static final String FAILED = "kind = 'RUN_FAILED'";
    private static final String ERROR = "kind = 'TASK_ERROR'";

    /** The run ids of the webhook bodies received for {@code event}, in arrival order. */
    private List<Long> told(String event) {
        return receivers.bodies().stream()
                .filter(body -> event.equals(body.get("event").asString()))
                .map(body -> body.get("runId").asLong())
                .toList();
    }

    @Test
    void aShardedFireWhoseUnitsFailedIsOneAlarmWithTheCountOfFailedUnits() {
        long group = api.createGroup("shards");
        long failures = cluster.rule(cluster.webhook("failures", "RUN_FAILED", "TASK_ERROR"));
        long timeouts = cluster.rule(cluster.webhook("time-outs", "RUN_TIMED_OUT"));
        long losses = cluster.rule(cluster.webhook("losses", "RUN_LOST"));
        cluster.startSecond();
        try (NodeInstance node = node("shards", Map.of())) {
            long task = api.insertTask(Map.of(
                    "name",
                    "report",
                    "beanName",
                    "shardJob",
                    "groupId",
                    group,
                    "shards",
                    4,
                    "retry",
                    true,
                    "maxRetries",
                    1,
                    "timeoutSeconds",
                    1));
            await().atMost(Duration.ofSeconds(40)).until(() -> FireHistory.ended(jdbc, task, "FAILED") == 1);
            // The events are written with the runs' ends: all of them exist once the fire ended.
            assertThat(count("jm_task_run WHERE task_id = " + task + " AND node_id IS NOT NULL"))
                    .as("unit runs: shard 0 once, shards 1 and 3 twice (failed, timed out), shard 2 twice (its retry"
                            + " succeeded)")
                    .isEqualTo(7);
            assertThat(cluster.deliveries("rule_id = " + failures)).isEqualTo(2);
            assertThat(cluster.deliveries("rule_id = " + timeouts)).isEqualTo(1);
            assertThat(cluster.deliveries("rule_id = " + losses)).isZero();
            await().atMost(Duration.ofSeconds(20)).until(() -> cluster.deliveries("state = 'DELIVERED'") == 3);

            long record = jdbc.queryForObject(
                    "SELECT id FROM jm_task_run WHERE task_id = ? AND node_id IS NULL", Long.class, task);
            assertThat(receivers.received()).hasSize(3);
            JsonNode failed = body("RUN_FAILED", task);
            assertThat(failed.get("runId").asLong()).isEqualTo(record);
            assertThat(failed.get("message").asString())
                    .isEqualTo("FAILED: 2 of 4 runs succeeded, 2 failed (1 FAILED, 1 TIMED_OUT)");
            assertThat(body("TASK_ERROR", task).get("runId").asLong()).isEqualTo(record);
            JsonNode timedOut = body("RUN_TIMED_OUT", task);
            assertThat(timedOut.get("runId").asLong()).isEqualTo(record);
            assertThat(timedOut.get("ruleId").asLong()).isEqualTo(timeouts);
        }
    }

    /** The handlers the node offers, beside {@code extra}. */
    private NodeInstance node(String group, Map<String, Object> extra, String... properties) {
        Map<String, Object> handlers = new HashMap<>(extra);
        handlers.putIfAbsent("refusingJob", (JobHandler) context -> JobResult.failure("quota exceeded for tenant 7"));
        handlers.putIfAbsent("overrunJob", (JobHandler) AlarmEventsEndToEndTest::untilStopped);
        // Shard 0 succeeds, 1 always fails, 2 fails its first attempt only, 3 overruns its limit.
        handlers.putIfAbsent("shardJob", (JobHandler) context -> switch (context.shardIndex()) {
            case 1 -> JobResult.failure("shard 1 broke");
            case 2 -> context.attempt() == 1 ? JobResult.failure("shard 2 hiccup") : JobResult.success();
            case 3 -> untilStopped(context);
            default -> JobResult.success();
        });
        return NodeInstance.start(a.url() + "," + b.url(), group, group + "-node", handlers, properties);
    }

    /** Runs until the node stops it (its time limit), as a handler that honours cancellation does. */
    private static JobResult untilStopped(JobContext context) {
        while (!context.isCancelled()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return JobResult.success("stopped");
    }

    private static Map<String, Object> with(Map<String, Object> rule, Map<String, Object> more) {
        Map<String, Object> all = new HashMap<>(rule);
        all.putAll(more);
        return all;
    }

    /** The one webhook body of {@code event} about {@code taskId}. */
    private JsonNode body(String event, long taskId) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode body : receivers.bodies()) {
            if (body.get("event").asString().equals(event) && body.get("taskId").asLong() == taskId) {
                found.add(body);
            }
        }
        assertThat(found).as(event + " bodies about task " + taskId).hasSize(1);
        return found.get(0);
    }

    /** How long the least overdue of the matching pending tasks has been due, by the database clock. */
    private long dueForMs(String where) {
        Long micros = jdbc.queryForObject(
                "SELECT MIN(TIMESTAMPDIFF(MICROSECOND, next_fire_time, NOW(3))) FROM jm_task WHERE status = 1 AND "
                        + where,
                Long.class);
        return micros == null ? -1 : micros / 1000;
    }

    private long lateRuns(long task) {
        return count("jm_task_run WHERE task_id = " + task
                + " AND TIMESTAMPDIFF(MICROSECOND, scheduled_at, started_at) > 1000000");
    }

    private long count(String from) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + from, Long.class);
    }
}
