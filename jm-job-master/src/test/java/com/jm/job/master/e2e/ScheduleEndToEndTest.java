package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The schedules besides cron with a real master and node on MariaDB: fixed-rate slots once each,
 * none skipped, on time; fixed-delay fires spaced from the end of the previous run; a run-at task
 * runs once, at its instant.
 */
class ScheduleEndToEndTest {

    private static final int FIRES = 5;

    @Test
    void fixedRateFixedDelayAndRunAtFireWhenTheySay() {
        Map<Long, AtomicInteger> calls = RecordingHandler.sharedCounts();
        try (MasterInstance master = MasterInstance.onFreshDatabase().start();
                NodeInstance node = NodeInstance.start(
                        master.url(), "sched", "n1", Map.of("tick", new RecordingHandler("n1", calls)))) {
            JdbcTemplate jdbc = master.jdbc();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM jm_node", Long.class) == 1);
            long groupId = jdbc.queryForObject("SELECT id FROM jm_group WHERE name = 'sched'", Long.class);
            MasterApi api = new MasterApi(master.url());
            Instant runAt = dbNow(jdbc).plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            long rate = create(api, groupId, "rate", "\"fixedRate\":\"PT1S\"");
            long delay = create(api, groupId, "delay", "\"fixedDelay\":\"PT1S\"");
            long once = create(api, groupId, "once", "\"runAt\":\"" + runAt + "\"");

            await().atMost(Duration.ofSeconds(FIRES + 15))
                    .until(() -> succeeded(jdbc, rate) >= FIRES
                            && succeeded(jdbc, delay) >= FIRES - 2
                            && succeeded(jdbc, once) == 1);
            api.post("/api/tasks/" + rate + "/disable", "");
            api.post("/api/tasks/" + delay + "/disable", "");
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run WHERE state = 'RUNNING'", Long.class)
                                    == 0);

            List<Map<String, Object>> rateRuns = runs(jdbc, rate);
            List<Long> slots = rateRuns.stream()
                    .map(r -> millis((LocalDateTime) r.get("scheduled_at")))
                    .toList();
            assertThat(slots).as("no fixed-rate slot twice").doesNotHaveDuplicates();
            for (int i = 1; i < slots.size(); i++) {
                assertThat(slots.get(i) - slots.get(i - 1))
                        .as("slots a second apart, none skipped")
                        .isEqualTo(1000);
            }
            long worstLate = rateRuns.stream()
                    .mapToLong(r -> ((Number) r.get("late_us")).longValue() / 1000)
                    .max()
                    .orElseThrow();
            System.out.printf("schedule e2e: %d fixed-rate slots, worst start %d ms late%n", slots.size(), worstLate);
            assertThat(worstLate).as("fixed-rate slots claimed on time").isLessThan(1000);
            assertThat(rateRuns)
                    .allSatisfy(r -> assertThat(r.get("trigger_type")).isEqualTo("SCHEDULE"));

            List<Map<String, Object>> delayRuns = runs(jdbc, delay);
            for (int i = 1; i < delayRuns.size(); i++) {
                long gap = millis((LocalDateTime) delayRuns.get(i).get("started_at"))
                        - millis((LocalDateTime) delayRuns.get(i - 1).get("finished_at"));
                assertThat(gap)
                        .as("a fixed-delay fire starts a delay after the previous run ended")
                        .isBetween(1000L, 2000L);
            }

            List<Map<String, Object>> onceRuns = runs(jdbc, once);
            assertThat(onceRuns).hasSize(1);
            assertThat(millis((LocalDateTime) onceRuns.get(0).get("scheduled_at")))
                    .isEqualTo(runAt.toEpochMilli());
            assertThat(jdbc.queryForMap("SELECT status, next_fire_time FROM jm_task WHERE id = ?", once))
                    .containsEntry("status", 0)
                    .containsEntry("next_fire_time", null);
            assertThat(calls.get(once).get()).isEqualTo(1);
        }
    }

    private static long create(MasterApi api, long groupId, String name, String schedule) {
        return api.post(
                        "/api/tasks",
                        "{\"name\":\"" + name + "\",\"beanName\":\"tick\",\"groupId\":" + groupId + "," + schedule
                                + "}")
                .get("id")
                .asLong();
    }

    private static List<Map<String, Object>> runs(JdbcTemplate jdbc, long task) {
        return jdbc.queryForList(
                "SELECT scheduled_at, started_at, finished_at, trigger_type,"
                        + " TIMESTAMPDIFF(MICROSECOND, scheduled_at, started_at) AS late_us"
                        + " FROM jm_task_run WHERE task_id = ? ORDER BY id",
                task);
    }

    private static long succeeded(JdbcTemplate jdbc, long task) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM jm_task_run WHERE task_id = ? AND state = 'SUCCEEDED'", Long.class, task);
    }

    private static Instant dbNow(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT NOW(3)", LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    private static long millis(LocalDateTime utc) {
        return utc.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
