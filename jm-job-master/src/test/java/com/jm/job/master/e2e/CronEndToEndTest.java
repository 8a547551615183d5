package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.master.support.TestDatabases;
import com.jm.job.master.support.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A task every second on two masters (one database) and two nodes, each node on its own master:
 * every slot while the system is up runs once, none twice, none skipped, each within a fraction of
 * a second of its fire time.
 */
class CronEndToEndTest {

    private static final int SLOTS = 8;

    @Test
    void everySecondRunsOncePerSlotAcrossTwoMastersAndTwoNodes() {
        String database = TestDatabases.createDatabase("e2e");
        // Several masters share the Redis index: a slot fired on one is claimable through the other.
        String[] redis = TestRedis.server().masterProperties().toArray(String[]::new);
        Map<Long, AtomicInteger> calls = RecordingHandler.sharedCounts();
        try (MasterInstance a = new MasterInstance(database, 0, redis).start();
                MasterInstance b = new MasterInstance(database, 0, redis).start();
                NodeInstance n1 =
                        NodeInstance.start(a.url(), "cron", "n1", Map.of("tick", new RecordingHandler("n1", calls)));
                NodeInstance n2 =
                        NodeInstance.start(b.url(), "cron", "n2", Map.of("tick", new RecordingHandler("n2", calls)))) {
            JdbcTemplate jdbc = a.jdbc();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM jm_node", Long.class) == 2);
            long groupId = jdbc.queryForObject("SELECT id FROM jm_group WHERE name = 'cron'", Long.class);
            MasterApi api = new MasterApi(a.url());
            long task = api.post(
                            "/api/tasks",
                            "{\"name\":\"tick\",\"beanName\":\"tick\",\"groupId\":" + groupId
                                    + ",\"cron\":\"* * * * * *\"}")
                    .get("id")
                    .asLong();

            // A slot whose predecessor still runs is skipped (overlap SKIP, recorded), so on a
            // loaded machine reaching SLOTS successes can take longer than SLOTS seconds.
            await().atMost(Duration.ofSeconds(3L * SLOTS + 10))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM jm_task_run WHERE state = 'SUCCEEDED'", Long.class)
                            >= SLOTS);
            new MasterApi(b.url()).post("/api/tasks/" + task + "/disable", "");
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run WHERE state = 'RUNNING'", Long.class)
                                    == 0);

            List<Map<String, Object>> runs = jdbc.queryForList(
                    "SELECT scheduled_at, TIMESTAMPDIFF(MICROSECOND, scheduled_at, started_at) AS late_us, state,"
                            + " message FROM jm_task_run ORDER BY scheduled_at");
            assertThat(runs)
                    .extracting(r -> r.get("state"))
                    .as("every slot ran or was skipped visibly (its predecessor still ran)")
                    .allSatisfy(state -> assertThat(state).isIn("SUCCEEDED", "SKIPPED"));
            // The slots the rows account for: a run's own, and each slot a SKIPPED row names (one
            // row stands for the consecutive slots one overrunning fire covered).
            List<Instant> slots = new java.util.ArrayList<>();
            for (Map<String, Object> run : runs) {
                Instant first = ((java.time.LocalDateTime) run.get("scheduled_at")).toInstant(java.time.ZoneOffset.UTC);
                long covered = "SKIPPED".equals(run.get("state")) ? skippedSlots((String) run.get("message")) : 1;
                for (long i = 0; i < covered; i++) {
                    slots.add(first.plusSeconds(i));
                }
            }
            assertThat(slots).as("no slot twice").doesNotHaveDuplicates();
            assertThat(slots).allSatisfy(slot -> assertThat(slot.getNano()).isZero());
            long span =
                    slots.get(slots.size() - 1).getEpochSecond() - slots.get(0).getEpochSecond();
            assertThat(slots)
                    .as("no slot skipped silently between the first and the last")
                    .hasSize((int) span + 1);
            List<Map<String, Object>> ran = runs.stream()
                    .filter(r -> "SUCCEEDED".equals(r.get("state")))
                    .toList();
            long worstLateMs = ran.stream()
                            .mapToLong(r -> ((Number) r.get("late_us")).longValue())
                            .max()
                            .orElseThrow()
                    / 1000;
            System.out.printf(
                    "cron e2e: %d slots, %d ran, worst start %d ms after its slot%n",
                    slots.size(), ran.size(), worstLateMs);
            assertThat(worstLateMs).as("claimed within a fraction of a second").isLessThan(1000);
            assertThat(calls.get(task).get()).as("each run once").isEqualTo(ran.size());
        }
    }

    /** How many slots a SKIPPED row stands for: its message begins "N slot(s) skipped". */
    private static long skippedSlots(String message) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("^(\\d+) slots? skipped").matcher(message);
        assertThat(m.find()).as("a skip names its count of slots: %s", message).isTrue();
        return Long.parseLong(m.group(1));
    }
}
