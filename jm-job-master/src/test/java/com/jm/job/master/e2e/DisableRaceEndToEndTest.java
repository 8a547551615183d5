package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Disable race: two nodes poll hard while an operator disables every task from several threads.
 * No run of a task starts after the call that disabled it has returned.
 */
class DisableRaceEndToEndTest {

    private static final String GROUP = "disable-race";
    private static final int TASKS = 100;
    private static final int DISABLING_THREADS = 4;

    /**
     * Run rows of one task read right after the call disabling it returned.
     *
     * @param task the task
     * @param runs how many run rows it had
     * @param maxRunId the newest of them (0: none)
     * @param inFlight how many of them were still RUNNING
     */
    private record Snapshot(long task, long runs, long maxRunId, long inFlight) {}

    @Test
    void noRunStartsAfterTheDisableCallHasReturned() throws Exception {
        try (MasterInstance master = MasterInstance.onFreshDatabase(
                        "jm.job.master.retry-backoff-base=10ms", "jm.job.master.retry-backoff-max=20ms")
                .start()) {
            MasterApi api = new MasterApi(master.url());
            JdbcTemplate jdbc = master.jdbc();
            long groupId = api.createGroup(GROUP);
            // Fails at once, so a task with retries left is pending again within 20 ms: the nodes
            // claim without pause while the disables land.
            JobHandler failing = context -> JobResult.failure("fails on purpose");
            Map<Long, AtomicInteger> sentinelCalls = RecordingHandler.sharedCounts();
            try (NodeInstance n1 = startNode(master, "n1", failing, sentinelCalls);
                    NodeInstance n2 = startNode(master, "n2", failing, sentinelCalls)) {
                Phases phases = new Phases();
                List<Long> tasks = insertCyclingTasks(api, groupId);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> jdbc.queryForObject(
                                        "SELECT COUNT(*) FROM (SELECT task_id FROM jm_task_run GROUP BY task_id"
                                                + " HAVING COUNT(*) >= 2) cycling",
                                        Long.class)
                                == TASKS);

                phases.end("insert and cycle");
                long lastRunBefore = maxRunId(jdbc);
                List<Snapshot> snapshots = disableAll(api, jdbc, tasks);
                long lastRunAfter = maxRunId(jdbc);
                phases.end("disable");

                // Runs in flight when their task was disabled end (FAILED, or CANCELLED by the
                // heartbeat); their tasks rest pending or in error, and every pending one is due.
                await().atMost(Duration.ofSeconds(30))
                        .failFast(() -> assertNoRunAfterDisable(jdbc, snapshots))
                        .until(() -> jdbc.queryForObject(
                                        "SELECT COUNT(*) FROM jm_task WHERE disable = 1 AND (status = 2"
                                                + " OR (status = 1 AND next_fire_time > NOW(3)))",
                                        Long.class)
                                == 0);
                // The nodes still claim: a task inserted now, due no earlier than any disabled one
                // and ordered after them all (by next_fire_time, then id), runs. A claim that
                // ignored the disable flag would have taken disabled tasks ahead of it.
                phases.end("settle");
                long sentinel = api.insertTask(groupId, "sentinel", "sentinelJob");
                await().atMost(Duration.ofSeconds(30))
                        .failFast(() -> assertNoRunAfterDisable(jdbc, snapshots))
                        .until(() -> jdbc.queryForObject(
                                        "SELECT COUNT(*) FROM jm_task_run WHERE task_id = ? AND state = 'SUCCEEDED'",
                                        Long.class,
                                        sentinel)
                                == 1);

                phases.end("sentinel");
                System.out.println("DisableRaceEndToEndTest: " + phases);
                assertNoRunAfterDisable(jdbc, snapshots);
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run WHERE state = 'RUNNING'", Long.class))
                        .as("runs still RUNNING")
                        .isZero();
                assertTheRaceWasReal(jdbc, snapshots, lastRunBefore, lastRunAfter);
            }
        }
    }

    /** Tasks whose handler fails at once and that retry (almost) without end. */
    private static List<Long> insertCyclingTasks(MasterApi api, long groupId) {
        List<Long> tasks = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("name", "cycling " + i);
            task.put("beanName", "failingJob");
            task.put("groupId", groupId);
            task.put("retry", true);
            task.put("maxRetries", 100);
            tasks.add(api.insertTask(task));
        }
        return tasks;
    }

    /**
     * The disables met nodes at work: runs were claimed while they were being made, and the
     * disabled tasks were left due, claimable but for the flag.
     */
    private static void assertTheRaceWasReal(
            JdbcTemplate jdbc, List<Snapshot> snapshots, long lastRunBefore, long lastRunAfter) {
        long claimedDuringDisables = jdbc.queryForObject(
                "SELECT COUNT(*) FROM jm_task_run WHERE id > ? AND id <= ?", Long.class, lastRunBefore, lastRunAfter);
        long dueDisabled =
                jdbc.queryForObject("SELECT COUNT(*) FROM jm_task WHERE disable = 1 AND status = 1", Long.class);
        long claimedJustBeforeTheirDisable =
                snapshots.stream().filter(s -> s.maxRunId() > lastRunBefore).count();
        System.out.printf(
                "DisableRaceEndToEndTest: %d runs of %d tasks before their disable; %d runs claimed while the"
                        + " disables ran; %d tasks claimed during the disables before their own; %d runs in"
                        + " flight when their disable returned; %d disabled tasks left due%n",
                snapshots.stream().mapToLong(Snapshot::runs).sum(),
                TASKS,
                claimedDuringDisables,
                claimedJustBeforeTheirDisable,
                snapshots.stream().mapToLong(Snapshot::inFlight).sum(),
                dueDisabled);
        assertThat(claimedDuringDisables)
                .as("runs claimed while the disables were being made")
                .isPositive();
        assertThat(dueDisabled)
                .as("disabled tasks that were due and claimable but for the flag")
                .isPositive();
    }

    private static NodeInstance startNode(
            MasterInstance master, String name, JobHandler failing, Map<Long, AtomicInteger> sentinelCalls) {
        return NodeInstance.start(
                master.url(),
                GROUP,
                name,
                Map.of("failingJob", failing, "sentinelJob", new RecordingHandler(name, sentinelCalls)),
                "jm.job.client.worker-threads=4");
    }

    /** Disables every task through the API from several threads, in random order, each call followed by its snapshot. */
    private static List<Snapshot> disableAll(MasterApi api, JdbcTemplate jdbc, List<Long> tasks) throws Exception {
        List<Long> order = new ArrayList<>(tasks);
        Collections.shuffle(order);
        List<Callable<Snapshot>> calls = new ArrayList<>();
        for (long task : order) {
            calls.add(() -> {
                api.disable(task);
                return jdbc.queryForObject(
                        "SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(SUM(state = 'RUNNING'), 0)"
                                + " FROM jm_task_run WHERE task_id = ?",
                        (rs, row) -> new Snapshot(task, rs.getLong(1), rs.getLong(2), rs.getLong(3)),
                        task);
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(DISABLING_THREADS);
        try {
            List<Snapshot> snapshots = new ArrayList<>();
            for (Future<Snapshot> snapshot : pool.invokeAll(calls)) {
                snapshots.add(snapshot.get());
            }
            return snapshots;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Every run row of a disabled task was already there when the disable call returned. Why that
     * is the right test: a claim locks the task row (FOR UPDATE SKIP LOCKED, only rows with
     * disable = 0), inserts the run row and marks the task running in one transaction, and the
     * disable's UPDATE needs the same row lock. If the claim locked first, the disable waited for
     * its commit, so the run row was committed before the disable call returned and is counted in
     * the snapshot read after it; that run started before the disable and may still end, changing
     * its state but not the count. If the disable locked first, no claim can take the task until
     * it is enabled. So any row the snapshot did not see is a run started after the disable had
     * returned.
     */
    private static void assertNoRunAfterDisable(JdbcTemplate jdbc, List<Snapshot> snapshots) {
        Map<Long, Snapshot> byTask = new HashMap<>();
        snapshots.forEach(snapshot -> byTask.put(snapshot.task(), snapshot));
        List<String> violations = new ArrayList<>();
        jdbc.query("SELECT task_id, COUNT(*), MAX(id) FROM jm_task_run GROUP BY task_id", rs -> {
            Snapshot snapshot = byTask.get(rs.getLong(1));
            if (snapshot != null && (rs.getLong(2) != snapshot.runs() || rs.getLong(3) != snapshot.maxRunId())) {
                violations.add("task " + snapshot.task() + ": " + snapshot.runs() + " runs up to run "
                        + snapshot.maxRunId() + " when its disable returned, now " + rs.getLong(2) + " up to run "
                        + rs.getLong(3));
            }
        });
        assertThat(violations)
                .as("runs started after their task's disable returned")
                .isEmpty();
    }

    private static long maxRunId(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM jm_task_run", Long.class);
    }
}
