package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.master.support.TestDatabases;
import com.jm.job.master.support.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database clock decides: beside a master with a correct clock, one whose own clock is 30 s
 * ahead and one 30 s behind still fire a per-second cron on time, once per slot, whether the task
 * was created through them and whichever master a node reports to. (With each master's own clock
 * deciding, a cron created through the fast master first fired half a minute late, and a run
 * reported to it put the next slot 30 s out.)
 */
class ClockSkewEndToEndTest {

    private static final int SLOTS = 8;
    private static final Duration SKEW = Duration.ofSeconds(30);

    @Test
    void perSecondCronFiresOncePerSlotOnMastersWhoseClocksAreSkewed() {
        String database = TestDatabases.createDatabase("skew");
        String[] redis = TestRedis.server().masterProperties().toArray(String[]::new);
        Map<Long, AtomicInteger> calls = RecordingHandler.sharedCounts();
        Clock ahead = Clock.offset(Clock.systemUTC(), SKEW);
        Clock behind = Clock.offset(Clock.systemUTC(), SKEW.negated());
        try (MasterInstance correct = new MasterInstance(database, 0, redis).start();
                MasterInstance fast =
                        new MasterInstance(database, 0, redis).withClock(ahead).start();
                MasterInstance slow =
                        new MasterInstance(database, 0, redis).withClock(behind).start();
                NodeInstance n1 = node(correct, "n1", calls);
                NodeInstance n2 = node(fast, "n2", calls);
                NodeInstance n3 = node(slow, "n3", calls)) {
            JdbcTemplate jdbc = correct.jdbc();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM jm_node", Long.class) == 3);
            long groupId = jdbc.queryForObject("SELECT id FROM jm_group WHERE name = 'skew'", Long.class);
            LocalDateTime created = jdbc.queryForObject("SELECT NOW(3)", LocalDateTime.class);
            long viaFast = perSecondCron(fast, groupId, "via-fast");
            long viaSlow = perSecondCron(slow, groupId, "via-slow");

            await().atMost(Duration.ofSeconds(SLOTS + 10))
                    .until(() -> succeeded(jdbc, viaFast) >= SLOTS && succeeded(jdbc, viaSlow) >= SLOTS);
            new MasterApi(correct.url()).post("/api/tasks/" + viaFast + "/disable", "");
            new MasterApi(correct.url()).post("/api/tasks/" + viaSlow + "/disable", "");
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run WHERE state = 'RUNNING'", Long.class)
                                    == 0);

            for (long task : List.of(viaFast, viaSlow)) {
                List<Map<String, Object>> runs = jdbc.queryForList(
                        "SELECT scheduled_at, TIMESTAMPDIFF(MICROSECOND, scheduled_at, started_at) AS late_us, state"
                                + " FROM jm_task_run WHERE task_id = ? ORDER BY scheduled_at",
                        task);
                List<Long> slots = runs.stream()
                        .map(r -> ((LocalDateTime) r.get("scheduled_at"))
                                .toInstant(ZoneOffset.UTC)
                                .getEpochSecond())
                        .toList();
                assertThat(slots).as("task %d: no slot twice", task).doesNotHaveDuplicates();
                assertThat(slots)
                        .as("task %d: no slot skipped between the first and the last", task)
                        .hasSize((int) (slots.get(slots.size() - 1) - slots.get(0)) + 1);
                assertThat(slots.get(0))
                        .as("task %d: the first slot is the first second after it was created", task)
                        .isLessThanOrEqualTo(created.toEpochSecond(ZoneOffset.UTC) + 3);
                assertThat(runs).allSatisfy(r -> assertThat(r.get("state")).isEqualTo("SUCCEEDED"));
                long worstLateMs = runs.stream()
                                .mapToLong(r -> ((Number) r.get("late_us")).longValue())
                                .max()
                                .orElseThrow()
                        / 1000;
                System.out.printf(
                        "clock skew e2e: task %d, %d slots, worst start %d ms after its slot%n",
                        task, slots.size(), worstLateMs);
                assertThat(worstLateMs).as("task %d: claimed on time", task).isLessThan(1000);
                assertThat(calls.get(task).get()).isEqualTo(slots.size());
            }
        }
    }

    private static NodeInstance node(MasterInstance master, String name, Map<Long, AtomicInteger> calls) {
        return NodeInstance.start(master.url(), "skew", name, Map.of("tick", new RecordingHandler(name, calls)));
    }

    private static long perSecondCron(MasterInstance master, long groupId, String name) {
        return new MasterApi(master.url())
                .post(
                        "/api/tasks",
                        "{\"name\":\"" + name + "\",\"beanName\":\"tick\",\"groupId\":" + groupId
                                + ",\"cron\":\"* * * * * *\"}")
                .get("id")
                .asLong();
    }

    private static long succeeded(JdbcTemplate jdbc, long task) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM jm_task_run WHERE task_id = ? AND state = 'SUCCEEDED'", Long.class, task);
    }
}
