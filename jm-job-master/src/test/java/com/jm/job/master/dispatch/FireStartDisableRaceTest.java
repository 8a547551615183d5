package com.jm.job.master.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.support.RegisteredNodeTest;
import com.jm.job.master.support.TestSecurity;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * A disable that meets the claim starting a fire of several runs, on MariaDB: the claim has locked
 * the task and not yet inserted the fire's units, so the disable finds no units to lock and waits
 * for the task row. Once the claim commits, the units exist; the disable must still keep them from
 * running, as it does for a fire that was already going.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class FireStartDisableRaceTest extends RegisteredNodeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aDisableThatWaitedForTheClaimStartingAFireKeepsTheFiresUnitsFromRunning() throws Exception {
        long task = createTask("sharded", "\"shards\":3");
        ExecutorService calls = Executors.newFixedThreadPool(2);
        try (Connection blocker = jdbc.getDataSource().getConnection()) {
            holdTheClaimBeforeItsUnits(blocker);
            Future<JsonNode> claim = calls.submit(() -> nodes.poll(nodeId, 10));
            awaitLockWaits(1);
            Future<?> disable = calls.submit(
                    () -> mvc.perform(post("/api/tasks/" + task + "/disable")).andExpect(status().isOk()));
            awaitLockWaits(2);
            blocker.rollback();

            assertThat(claim.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the claim starts the fire")
                    .isEmpty();
            disable.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            calls.shutdownNow();
        }

        assertThat(nodes.poll(nodeId, 10))
                .as("runs of the disabled task's fire handed out after the disable returned")
                .isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT state FROM jm_task_run WHERE task_id = ? AND fire_id IS NULL", String.class, task))
                .isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task WHERE unit_of = ?", Long.class, task))
                .isZero();
    }

    /**
     * Locks the gap after the last run row (REPEATABLE READ takes gap locks): the claim that starts
     * the fire then waits to insert the fire's run row, holding the task locked, its units not yet
     * inserted. Rolling back lets it go on.
     */
    private static void holdTheClaimBeforeItsUnits(Connection blocker) throws Exception {
        blocker.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        blocker.setAutoCommit(false);
        try (Statement statement = blocker.createStatement()) {
            statement.executeQuery("SELECT id FROM jm_task_run FOR UPDATE").close();
        }
    }

    /** Waits until {@code count} transactions of this test's database wait for a lock. */
    private void awaitLockWaits(int count) {
        await().atMost(WAIT)
                .until(() -> jdbc.queryForObject(
                                "SELECT COUNT(*) FROM information_schema.INNODB_TRX t"
                                        + " JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id"
                                        + " WHERE t.trx_state = 'LOCK WAIT' AND p.DB = DATABASE()",
                                Long.class)
                        == count);
    }
}
