package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Overlap policies with a real master and node on MariaDB: two fixed-rate PT1S tasks, SKIP and
 * QUEUE, whose first runs last until three and a half seconds of slots have passed by the database
 * clock (the handler is held until then, so the overlap does not depend on the machine's speed),
 * later runs at once. Every slot of the grid is accounted for: run, queued or named in a SKIPPED
 * row.
 */
class OverlapEndToEndTest {

    private static final Duration FIRST_RUN = Duration.ofMillis(3_500);
    /** How long before stamping a run's end the finish may have read the clock it decides by. */
    private static final Duration CLOCK_READ = Duration.ofMillis(200);

    private static final Pattern SKIPPED =
            Pattern.compile("(\\d+) slots skipped \\((\\S+) … (\\S+)\\) while run (\\d+) was running; overlap (.+)");

    @Test
    void skipWaitsForTheNextSlotAndQueueRunsOneAtOnceWhileSkippedSlotsAreInTheHistory() {
        SlowFirstRun handler = new SlowFirstRun();
        try (MasterInstance master = MasterInstance.onFreshDatabase().start();
                NodeInstance node = NodeInstance.start(master.url(), "overlap", "n1", Map.of("slow", handler))) {
            JdbcTemplate jdbc = master.jdbc();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM jm_node", Long.class) == 1);
            long groupId = jdbc.queryForObject("SELECT id FROM jm_group WHERE name = 'overlap'", Long.class);
            MasterApi api = new MasterApi(master.url());
            long skip = create(api, groupId, "skip", "SKIP");
            long queue = create(api, groupId, "queue", "QUEUE");

            await().atMost(Duration.ofSeconds(10)).until(() -> handler.holding() == 2);
            LocalDateTime lastFirstSlot = jdbc.queryForObject(
                    "SELECT MAX(scheduled_at) FROM jm_task_run WHERE state = 'RUNNING'", LocalDateTime.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !dbNow(jdbc).isBefore(lastFirstSlot.plus(FIRST_RUN)));
            handler.release();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> succeeded(jdbc, skip) >= 4 && succeeded(jdbc, queue) >= 4);
            api.disable(skip);
            api.disable(queue);
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run WHERE state = 'RUNNING'", Long.class)
                                    == 0);

            List<Map<String, Object>> skipRuns = runs(jdbc, skip);
            List<Map<String, Object>> queueRuns = runs(jdbc, queue);
            System.out.printf(
                    "overlap e2e: SKIP %s; QUEUE %s, the queued fire %d ms after the long run%n",
                    skipRuns.get(1).get("message"),
                    queueRuns.get(1).get("message"),
                    Duration.between(finished(queueRuns.get(0)), started(queueRuns.get(2)))
                            .toMillis());
            checkSkip(skipRuns);
            checkQueue(queueRuns);
        }
    }

    /** The long run, one SKIPPED row naming the slots of its run, then the first slot after it. */
    private static void checkSkip(List<Map<String, Object>> runs) {
        Map<String, Object> slow = runs.get(0);
        LocalDateTime first = slot(slow);
        assertThat(slow.get("state")).isEqualTo("SUCCEEDED");

        Map<String, Object> skipped = runs.get(1);
        long count = checkSkippedRow(skipped, slow, first.plusSeconds(1), "SKIP");
        assertThat(count)
                .as("three slots at least fell due during the long run")
                .isGreaterThanOrEqualTo(3);

        Map<String, Object> next = runs.get(2);
        assertThat(slot(next))
                .as("the next fire is the first slot after the long run ended, the skipped ones between")
                .isEqualTo(first.plusSeconds(count + 1))
                .isAfter(finished(slow).minus(CLOCK_READ));
        checkResumed(runs.subList(2, runs.size()));
    }

    /** The long run, one SKIPPED row for all but the latest slot of its run, that slot at once, then the grid. */
    private static void checkQueue(List<Map<String, Object>> runs) {
        Map<String, Object> slow = runs.get(0);
        LocalDateTime first = slot(slow);

        Map<String, Object> skipped = runs.get(1);
        long count = checkSkippedRow(skipped, slow, first.plusSeconds(1), "QUEUE");
        assertThat(count).as("all but one of three slots at least").isGreaterThanOrEqualTo(2);
        LocalDateTime queued = first.plusSeconds(count + 1);
        assertThat((String) skipped.get("message")).endsWith(": the slot of " + utc(queued) + " runs next");

        Map<String, Object> waited = runs.get(2);
        assertThat(slot(waited)).as("the latest slot of the long run").isEqualTo(queued);
        assertThat(slot(waited)).isBeforeOrEqualTo(finished(slow));
        assertThat(Duration.between(finished(slow), started(waited)))
                .as("the queued fire starts right after the long run")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(slot(runs.get(3)))
                .as("one fire waited: the next one is the grid's next slot, after the long run")
                .isEqualTo(queued.plusSeconds(1))
                .isAfter(finished(slow).minus(CLOCK_READ));
        checkResumed(runs.subList(2, runs.size()));
    }

    /** Checks the row and answers how many slots it names. */
    private static long checkSkippedRow(
            Map<String, Object> row, Map<String, Object> during, LocalDateTime first, String policy) {
        assertThat(row)
                .containsEntry("state", "SKIPPED")
                .containsEntry("node_id", null)
                .containsEntry("trigger_type", "SCHEDULE")
                .containsEntry("duration_ms", 0L)
                .containsEntry("scheduled_at", first);
        Matcher m = SKIPPED.matcher((String) row.get("message"));
        assertThat(m.matches()).as("message %s", row.get("message")).isTrue();
        assertThat(m.group(2)).isEqualTo(utc(first).toString());
        assertThat(Long.parseLong(m.group(4))).isEqualTo(((Number) during.get("id")).longValue());
        assertThat(m.group(5)).startsWith(policy);
        return Long.parseLong(m.group(1));
    }

    /** Quick runs from there on: every slot once, a second apart, nothing more skipped. */
    private static void checkResumed(List<Map<String, Object>> runs) {
        assertThat(runs).allSatisfy(r -> assertThat(r.get("state")).isEqualTo("SUCCEEDED"));
        for (int i = 1; i < runs.size(); i++) {
            assertThat(Duration.between(slot(runs.get(i - 1)), slot(runs.get(i))))
                    .isEqualTo(Duration.ofSeconds(1));
        }
    }

    private static long create(MasterApi api, long groupId, String name, String overlap) {
        return api.insertTask(
                Map.of("name", name, "beanName", "slow", "groupId", groupId, "fixedRate", "PT1S", "overlap", overlap));
    }

    private static List<Map<String, Object>> runs(JdbcTemplate jdbc, long task) {
        return jdbc.queryForList(
                "SELECT id, state, node_id, trigger_type, scheduled_at, started_at, finished_at, duration_ms, message"
                        + " FROM jm_task_run WHERE task_id = ? ORDER BY id",
                task);
    }

    private static long succeeded(JdbcTemplate jdbc, long task) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM jm_task_run WHERE task_id = ? AND state = 'SUCCEEDED'", Long.class, task);
    }

    private static LocalDateTime dbNow(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT NOW(3)", LocalDateTime.class);
    }

    private static LocalDateTime slot(Map<String, Object> run) {
        return (LocalDateTime) run.get("scheduled_at");
    }

    private static LocalDateTime started(Map<String, Object> run) {
        return (LocalDateTime) run.get("started_at");
    }

    private static LocalDateTime finished(Map<String, Object> run) {
        return (LocalDateTime) run.get("finished_at");
    }

    private static Instant utc(LocalDateTime time) {
        return time.toInstant(ZoneOffset.UTC);
    }

    /** Holds each task's first run until {@link #release}; later runs return at once. */
    static final class SlowFirstRun implements JobHandler {

        private final Set<Long> started = ConcurrentHashMap.newKeySet();
        private final AtomicInteger holding = new AtomicInteger();
        private final CountDownLatch release = new CountDownLatch(1);

        @Override
        public JobResult execute(JobContext context) {
            if (!started.add(context.taskId())) {
                return JobResult.success("quick");
            }
            holding.incrementAndGet();
            try {
                return release.await(60, TimeUnit.SECONDS)
                        ? JobResult.success("slow")
                        : JobResult.failure("never released");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return JobResult.failure("interrupted");
            }
        }

        int holding() {
            return holding.get();
        }

        void release() {
            release.countDown();
        }
    }
}
