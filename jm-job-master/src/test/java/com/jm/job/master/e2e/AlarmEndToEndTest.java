package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alarms with two masters on one database: runs lost when their leases lapse are recovered by
 * whichever master's lease loop gets there, and every event reaches a real HTTP receiver and a real
 * SMTP server (GreenMail) once, not once per master; the signature verifies; the silence window
 * holds; a receiver that keeps failing is tried max-attempts times and recorded as failed.
 *
 * <p>Rules are created through the first master before the second starts: a master trusts its copy
 * of the rules for {@code rule-cache-ttl}, so a rule made on one master would otherwise reach the
 * other only after that.
 */
class AlarmEndToEndTest {

    private static final String SECRET = "hook-secret";
    private final JsonMapper json = JsonMapper.builder().build();
    private AlarmCluster cluster;
    private AlarmReceivers receivers;
    private JdbcTemplate jdbc;
    private MasterApi api;
    private long groupId;

    @BeforeEach
    void start() {
        cluster = new AlarmCluster(
                "jm.job.master.alarms.retry-backoff-base=100ms",
                "jm.job.master.alarms.max-attempts=3",
                // The webhook's secrets are stored encrypted, and decrypted only to send.
                "jm.job.master.security.params-keys[0].id=e2e",
                "jm.job.master.security.params-keys[0].key=ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=");
        receivers = cluster.receivers;
        jdbc = cluster.jdbc();
        api = cluster.api;
        groupId = api.createGroup("alarmed");
        jdbc.update(
                "INSERT INTO jm_node (ip, group_id, instance, last_heartbeat_at) VALUES ('10.0.0.1', ?, 'n1', NOW(3))",
                groupId);
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void eachEventIsDeliveredOnceByWebhookAndByMailWithTwoMasters() throws Exception {
        assertThat(jdbc.queryForList("SELECT version FROM flyway_schema_history WHERE success = 1", String.class))
                .as("the alarm tables' migration applied")
                .contains("10");
        long hook = rule(Map.of(
                "name",
                "lost runs by webhook",
                "scope",
                "ALL",
                "events",
                List.of("RUN_LOST"),
                "channel",
                "WEBHOOK",
                "webhookUrl",
                receivers.url("/hook"),
                "hmacSecret",
                SECRET,
                "webhookHeaders",
                Map.of("X-Team", "billing")));
        long mail = rule(Map.of(
                "name",
                "lost runs by mail",
                "scope",
                "GROUP",
                "scopeId",
                groupId,
                "events",
                List.of("RUN_LOST"),
                "channel",
                "MAIL",
                "mailTo",
                List.of("oncall@example.com")));
        JsonNode shown = api.get("/api/alarms/" + hook);
        assertThat(shown.get("webhookUrlSet").asBoolean()).isTrue();
        assertThat(shown.get("hmacSecretSet").asBoolean()).isTrue();
        assertThat(shown.toString())
                .doesNotContain(SECRET)
                .doesNotContain("/hook")
                .doesNotContain("billing");
        assertThat(jdbc.queryForMap(
                                "SELECT webhook_url, webhook_headers, hmac_secret FROM jm_alarm_rule WHERE id = ?",
                                hook)
                        .values()
                        .toString())
                .as("stored encrypted")
                .contains("{aesgcm:e2e}")
                .doesNotContain(SECRET)
                .doesNotContain("/hook")
                .doesNotContain("billing");

        bothMasters();
        int runs = 6;
        for (int i = 0; i < runs; i++) {
            lapsedRun("lost-" + i);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> count("state = 'DELIVERED'") == 2L * runs);
        assertThat(receivers.received()).hasSize(runs);
        assertThat(receivers.mails()).hasSize(runs);
        assertThat(receivers.received().stream()
                        .map(r -> r.header("X-JmJob-Delivery"))
                        .distinct())
                .hasSize(runs);
        for (AlarmReceivers.Received r : receivers.received()) {
            assertThat(r.header("X-JmJob-Signature")).isEqualTo("sha256=" + hmac(SECRET, r.body()));
            assertThat(r.header("X-Team")).isEqualTo("billing");
            JsonNode body = json.readTree(r.body());
            assertThat(body.get("event").asString()).isEqualTo("RUN_LOST");
            assertThat(body.get("ruleId").asLong()).isEqualTo(hook);
            assertThat(body.get("groupName").asString()).isEqualTo("alarmed");
        }
        assertThat(receivers.mails().get(0).getSubject()).startsWith("[jm-job] RUN_LOST task ");
        assertThat(count("rule_id = " + mail + " AND attempts = 1")).isEqualTo(runs);

        JsonNode page = api.get("/api/alarms/deliveries?ruleId=" + hook + "&size=50");
        assertThat(page.get("total").asLong()).isEqualTo(runs);
        assertThat(page.get("items").get(0).get("state").asString()).isEqualTo("DELIVERED");
    }

    @Test
    void theSilenceWindowHoldsForAFlappingTask() {
        rule(Map.of(
                "name",
                "quiet",
                "scope",
                "ALL",
                "events",
                List.of("RUN_LOST"),
                "silenceMs",
                3_600_000,
                "channel",
                "WEBHOOK",
                "webhookUrl",
                receivers.url("/hook")));
        bothMasters();
        long task = lapsedRun("flapping");
        for (int i = 0; i < 2; i++) {
            int lost = i + 1;
            await().atMost(Duration.ofSeconds(30)).until(() -> lostRuns(task) == lost);
            relapse(task);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("state IN ('DELIVERED', 'SILENCED')") == 3);
        assertThat(count("state = 'DELIVERED'")).isEqualTo(1);
        assertThat(count("state = 'SILENCED'")).isEqualTo(2);
        assertThat(receivers.received()).hasSize(1);
    }

    @Test
    void aFailingReceiverIsRetriedThenRecordedAsFailed() {
        rule(Map.of(
                "name", "down",
                "scope", "ALL",
                "events", List.of("RUN_LOST", "TASK_ERROR"),
                "channel", "WEBHOOK",
                "webhookUrl", receivers.url("/down"),
                "webhookTemplate", "SLACK"));
        bothMasters();
        lapsedRun("unlucky");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("state = 'FAILED'") == 2);
        assertThat(receivers.refused()).isEqualTo(2 * 3);
        assertThat(jdbc.queryForList("SELECT attempts FROM jm_alarm_delivery", Integer.class))
                .containsOnly(3);
        assertThat(jdbc.queryForList("SELECT last_error FROM jm_alarm_delivery", String.class))
                .allSatisfy(error -> assertThat(error).contains("HTTP 503").contains("try later"));
    }

    private long rule(Map<String, Object> body) {
        return cluster.rule(body);
    }

    /** Starts the second master, which reads the rules made so far at its first look. */
    private void bothMasters() {
        cluster.startSecond();
    }

    /** A task running on the node whose lease lapsed a second ago, acknowledged, with no retry left. */
    private long lapsedRun(String name) {
        jdbc.update(
                "INSERT INTO jm_task (name, bean_name, status, group_id, attempt, version) VALUES (?, 'helloJob', 0, ?, 0, 0)",
                name,
                groupId);
        long task = jdbc.queryForObject("SELECT MAX(id) FROM jm_task", Long.class);
        relapse(task);
        return task;
    }

    /** Puts the task running again under a new run whose lease has lapsed. */
    private void relapse(long task) {
        long node = jdbc.queryForObject("SELECT id FROM jm_node WHERE group_id = ?", Long.class, groupId);
        jdbc.update(
                "INSERT INTO jm_task_run (task_id, node_id, attempt, trigger_type, state) VALUES (?, ?, 1, 'MANUAL', 'RUNNING')",
                task,
                node);
        long run = jdbc.queryForObject("SELECT MAX(id) FROM jm_task_run WHERE task_id = ?", Long.class, task);
        jdbc.update(
                "UPDATE jm_task SET status = 2, run_id = ?, node_id = ?, attempt = 1, delivered = 1,"
                        + " lease_until = NOW(3) - INTERVAL 1 SECOND WHERE id = ?",
                run,
                node,
                task);
    }

    private long lostRuns(long task) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM jm_task_run WHERE task_id = ? AND state = 'LOST'", Long.class, task);
    }

    private long count(String where) {
        return cluster.deliveries(where);
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
