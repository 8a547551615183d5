package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * End to end over real HTTP: a master on a random port over MariaDB, two nodes built with the
 * starter, 1,000 one-shot tasks inserted through the API. Every task runs exactly once (one run
 * row, one handler call) and both nodes take a share.
 */
class ExactlyOnceEndToEndTest {

    private static final int TASKS = 1000;

    @Test
    void everyTaskRunsExactlyOnceAndBothNodesTakeAShare() throws Exception {
        try (MasterInstance master = MasterInstance.onFreshDatabase().start()) {
            MasterApi api = new MasterApi(master.url());
            long groupId = api.createGroup("e2e");
            Map<Long, AtomicInteger> calls = RecordingHandler.sharedCounts();
            RecordingHandler first = new RecordingHandler("n1", calls);
            RecordingHandler second = new RecordingHandler("n2", calls);
            try (NodeInstance n1 = NodeInstance.start(master.url(), "e2e", "n1", Map.of("countingJob", first));
                    NodeInstance n2 = NodeInstance.start(master.url(), "e2e", "n2", Map.of("countingJob", second))) {
                insertInParallel(api, groupId);
                JdbcTemplate jdbc = master.jdbc();
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> jdbc.queryForObject(
                                        "SELECT COUNT(*) FROM jm_task_run WHERE state = 'SUCCEEDED'", Long.class)
                                >= TASKS);

                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run", Long.class))
                        .isEqualTo(TASKS);
                assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT task_id) FROM jm_task_run", Long.class))
                        .isEqualTo(TASKS);
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task WHERE status = 0", Long.class))
                        .isEqualTo(TASKS);
                assertThat(calls).hasSize(TASKS);
                assertThat(calls.values())
                        .allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
                assertThat(first.runsHere()).as("node n1's share").isPositive();
                assertThat(second.runsHere()).as("node n2's share").isPositive();
                assertThat(first.runsHere() + second.runsHere()).isEqualTo(TASKS);
            }
        }
    }

    private static void insertInParallel(MasterApi api, long groupId) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> inserts = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            String name = "task-" + i;
            inserts.add(pool.submit(() -> api.insertTask(groupId, name, "countingJob")));
        }
        for (Future<Long> insert : inserts) {
            insert.get();
        }
        pool.shutdown();
    }
}
