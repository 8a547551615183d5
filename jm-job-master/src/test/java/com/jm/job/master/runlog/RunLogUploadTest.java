package com.jm.job.master.runlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.master.support.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One logs call with several runs on MariaDB: stored in one go however many lines, and a run whose
 * row another transaction holds does not keep the others' lines waiting.
 */
class RunLogUploadTest extends RunLogTestBase {

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void aCallOfSeveralRunsStoresEachRunsLinesNumberedFromZeroBeyondOneStatementsRows() throws Exception {
        long second = secondRun();
        // 1,000 lines each, 2,000 in all: more rows than one insert statement takes.
        ship(List.of(numbered(second, 0, 1000), numbered(runId, 0, 1000)));

        for (long run : List.of(runId, second)) {
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM jm_run_log WHERE run_id = ? AND seq < 1000", Long.class, run))
                    .isEqualTo(1000);
            assertThat(jdbc.queryForObject("SELECT log_lines FROM jm_task_run WHERE id = ?", Integer.class, run))
                    .isEqualTo(1000);
            assertThat(texts(read(run, 999, 1))).containsExactly("line 999");
        }
        assertThat(RunLogWriter.INSERT_ROWS).isLessThan(2000);
    }

    @Test
    void aRunWhoseRowIsBusyIsAppendedAfterTheOthersWithoutHoldingThem() throws Exception {
        // The busy run has the lower id: taken in id order and waited for, it would hold the other up.
        long busy = runId;
        long free = secondRun();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(
                () -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                    jdbc.queryForList("SELECT id FROM jm_task_run WHERE id = ? FOR UPDATE", busy);
                    locked.countDown();
                    waitFor(release);
                }));
        CompletableFuture<Void> call;
        try {
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            call = CompletableFuture.runAsync(() -> {
                try {
                    ship(List.of(numbered(busy, 0, 2), numbered(free, 0, 3)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // The free run's lines are committed while the busy row is still held.
            await().atMost(Duration.ofSeconds(10)).until(() -> storedLines(free) == 3);
            assertThat(call).isNotDone();
            assertThat(storedLines(busy)).isZero();
        } finally {
            release.countDown();
        }
        call.get(10, TimeUnit.SECONDS);
        holder.get(10, TimeUnit.SECONDS);
        assertThat(texts(read(busy, 0, 10))).containsExactly("line 0", "line 1");
        assertThat(texts(read(free, 0, 10))).containsExactly("line 0", "line 1", "line 2");
    }

    private long secondRun() throws Exception {
        Fixtures.pendingTask(tasks, groupId, "second");
        return nodes.poll(nodeId, 1).get(0).get("runId").asLong();
    }

    private long storedLines(long run) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM jm_run_log WHERE run_id = ?", Long.class, run);
    }

    private void ship(List<Map<String, Object>> batches) throws Exception {
        nodes.call(NodeApi.LOGS, Map.of("nodeId", nodeId, "runs", batches)).andExpect(status().isNoContent());
    }

    private static Map<String, Object> numbered(long run, long from, int count) {
        List<Map<String, Object>> lines = new ArrayList<>();
        LongStream.range(from, from + count)
                .forEach(seq -> lines.add(
                        Map.of("at", "2026-12-01T10:00:00Z", "level", "INFO", "text", "line " + seq, "seq", seq)));
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("runId", run);
        batch.put("lines", lines);
        batch.put("dropped", 0);
        batch.put("nextSeq", from + count);
        return batch;
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
