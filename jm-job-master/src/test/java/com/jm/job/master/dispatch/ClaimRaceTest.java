package com.jm.job.master.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.common.protocol.TaskAssignment;
import com.jm.job.master.store.GroupMapper;
import com.jm.job.master.store.TaskMapper;
import com.jm.job.master.support.Fixtures;
import com.jm.job.master.support.MariaDbTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Many claimers, one winner per task: concurrent batch claims on MariaDB never hand a task out twice. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ClaimRaceTest extends MariaDbTest {

    private static final int TASKS = 600;
    private static final int CLAIMERS = 8;
    private static final int BATCH = 7;

    @Autowired
    ClaimService claims;

    @Autowired
    TaskMapper tasks;

    @Autowired
    GroupMapper groups;

    @Test
    void everyTaskIsClaimedExactlyOnceWithOneRunRow() throws Exception {
        clean();
        long groupId = Fixtures.group(groups).getId();
        for (int i = 0; i < TASKS; i++) {
            Fixtures.pendingTask(tasks, groupId, "t" + i);
        }
        jdbc.update("INSERT INTO jm_node (ip, group_id, instance) VALUES ('127.0.0.1', ?, 'racer')", groupId);
        long nodeId = jdbc.queryForObject("SELECT id FROM jm_node WHERE instance = 'racer'", Long.class);

        ConcurrentLinkedQueue<TaskAssignment> claimed = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CLAIMERS);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int c = 0; c < CLAIMERS; c++) {
            futures.add(pool.submit(() -> {
                start.await();
                int batches = 0;
                while (true) {
                    List<TaskAssignment> batch = claims.claim(nodeId, groupId, BATCH);
                    if (batch.isEmpty()) {
                        return batches;
                    }
                    assertThat(batch).hasSizeLessThanOrEqualTo(BATCH);
                    claimed.addAll(batch);
                    batches++;
                }
            }));
        }
        start.countDown();
        int claimersThatWon = 0;
        for (Future<Integer> f : futures) {
            claimersThatWon += f.get() > 0 ? 1 : 0;
        }
        pool.shutdown();

        assertThat(claimed).hasSize(TASKS);
        assertThat(claimed.stream().map(TaskAssignment::taskId).distinct()).hasSize(TASKS);
        assertThat(claimed.stream().map(TaskAssignment::runId).distinct()).hasSize(TASKS);
        assertThat(claimersThatWon).as("the work was spread, not serialised").isGreaterThan(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run", Long.class))
                .isEqualTo(TASKS);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM jm_task t JOIN jm_task_run r ON r.id = t.run_id"
                                + " WHERE t.status = 2 AND r.task_id = t.id AND r.state = 'RUNNING'"
                                + " AND r.attempt = 1 AND r.trigger_type = 'INSERT'",
                        Long.class))
                .as("each task points at its own run row")
                .isEqualTo(TASKS);
    }
}
