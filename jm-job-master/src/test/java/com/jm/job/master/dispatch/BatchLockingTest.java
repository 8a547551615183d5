package com.jm.job.master.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.domain.RunState;
import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.store.Batch;
import com.jm.job.master.store.ClaimMapper;
import com.jm.job.master.store.ClaimedRun;
import com.jm.job.master.store.FinishMapper;
import com.jm.job.master.store.FinishedRun;
import com.jm.job.master.store.LeaseMapper;
import com.jm.job.master.store.TaskTransition;
import com.jm.job.master.support.MariaDbTest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The batch statements touch only the rows they name, even on a table so small that the optimizer
 * would rather read all of it: another transaction holding one task (and its run) must not make a
 * statement about the others wait. Before the primary key was forced, the JSON_TABLE updates read
 * and locked every row of a tiny table and deadlocked a concurrent claim against a finish.
 */
@SpringBootTest
class BatchLockingTest extends MariaDbTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ClaimMapper claims;

    @Autowired
    FinishMapper finishes;

    @Autowired
    LeaseMapper leases;

    long nodeId;
    long[] tasks = new long[3];
    long[] runs = new long[3];
    Connection holder;

    @BeforeEach
    void threeRunningTasks() throws Exception {
        clean();
        jdbc.update("INSERT INTO jm_group (name) VALUES ('locking')");
        long groupId = jdbc.queryForObject("SELECT MAX(id) FROM jm_group", Long.class);
        jdbc.update("INSERT INTO jm_node (ip, group_id, instance) VALUES ('127.0.0.1', ?, 'n')", groupId);
        nodeId = jdbc.queryForObject("SELECT MAX(id) FROM jm_node", Long.class);
        for (int i = 0; i < 3; i++) {
            jdbc.update(
                    "INSERT INTO jm_task (name, bean_name, status, group_id, node_id, attempt) VALUES (?, 'h', 2, ?, ?, 1)",
                    "t" + i,
                    groupId,
                    nodeId);
            tasks[i] = jdbc.queryForObject("SELECT MAX(id) FROM jm_task", Long.class);
            jdbc.update(
                    "INSERT INTO jm_task_run (task_id, node_id, attempt, trigger_type, state) VALUES (?, ?, 1, 'INSERT', 'RUNNING')",
                    tasks[i],
                    nodeId);
            runs[i] = jdbc.queryForObject("SELECT MAX(id) FROM jm_task_run", Long.class);
            jdbc.update("UPDATE jm_task SET run_id = ? WHERE id = ?", runs[i], tasks[i]);
        }
        // Another transaction holds task 0 and its run, as a concurrent claim or report would.
        holder = dataSource.getConnection();
        holder.setAutoCommit(false);
        try (Statement statement = holder.createStatement()) {
            statement.executeQuery("SELECT id FROM jm_task WHERE id = " + tasks[0] + " FOR UPDATE");
            statement.executeQuery("SELECT id FROM jm_task_run WHERE id = " + runs[0] + " FOR UPDATE");
        }
    }

    @AfterEach
    void release() throws Exception {
        holder.rollback();
        holder.close();
    }

    @Test
    void statementsAboutOtherTasksDoNotWaitForTheHeldOnes() {
        Integer moved = transactions.execute(status -> {
            // One second instead of fifty: a statement that reached the held rows fails the test
            // with a lock wait time-out instead of stalling it.
            jdbc.execute("SET SESSION innodb_lock_wait_timeout = 1");
            try {
                int marked = leases.grant(nodeId, 25_000, true, Batch.of(List.of(new ClaimedRun(tasks[1], runs[1]))));
                assertThat(finishes.lockRunningByRun(List.of(tasks[2]), List.of(runs[2])))
                        .hasSize(1);
                int ended = finishes.endRuns(Batch.of(List.of(new FinishedRun(runs[2], RunState.SUCCEEDED, 5L, "ok"))));
                int taskMoved = finishes.moveAlike(
                        new TaskTransition(0, 0, TaskStatus.NOT_STARTED, null, null, null, null, true),
                        Batch.of(List.of(tasks[2])));
                leases.extend(nodeId, List.of(tasks[1]), List.of(runs[1]), 25_000);
                assertThat(marked).isEqualTo(1);
                assertThat(ended).isEqualTo(1);
                return taskMoved;
            } finally {
                jdbc.execute("SET SESSION innodb_lock_wait_timeout = DEFAULT");
            }
        });
        assertThat(moved).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT state FROM jm_task_run WHERE id = ?", String.class, runs[2]))
                .isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForObject("SELECT status FROM jm_task WHERE id = ?", Integer.class, tasks[2]))
                .isZero();
    }
}
