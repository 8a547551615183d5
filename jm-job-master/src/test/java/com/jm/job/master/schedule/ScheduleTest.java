package com.jm.job.master.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.common.protocol.TaskAssignment;
import com.jm.job.master.dispatch.ClaimService;
import com.jm.job.master.lease.LeaseRecovery;
import com.jm.job.master.support.MariaDbTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The master's time-driven transitions on MariaDB, driven by hand (background loops off): cron
 * slots fire once, lapsed leases end as LOST runs, old history goes (loops are off in tests, see
 * config/application.yml).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "jm.job.master.run-retention=1h")
class ScheduleTest extends MariaDbTest {

    @Autowired
    CronFiring firing;

    @Autowired
    LeaseRecovery recovery;

    @Autowired
    HistoryRetention retention;

    @Autowired
    ClaimService claims;

    long groupId;
    long nodeId;

    @BeforeEach
    void setUp() {
        clean();
        jdbc.update("INSERT INTO jm_group (name) VALUES ('g')");
        groupId = jdbc.queryForObject("SELECT id FROM jm_group", Long.class);
        jdbc.update("INSERT INTO jm_node (ip, group_id, instance) VALUES ('127.0.0.1', ?, 'n')", groupId);
        nodeId = jdbc.queryForObject("SELECT id FROM jm_node", Long.class);
    }

    @Test
    void aDueCronSlotFiresOnceAndTheRunRecordsHowLateItStarted() {
        long due = cronTask("due", "TIMESTAMPADD(SECOND, -90, NOW(3))", 0);
        long later = cronTask("later", "TIMESTAMPADD(HOUR, 1, NOW(3))", 0);
        long disabled = cronTask("disabled", "TIMESTAMPADD(SECOND, -1, NOW(3))", 1);

        assertThat(firing.fireDue()).isEqualTo(1);
        assertThat(firing.fireDue()).as("a fired slot cannot fire again").isZero();
        assertThat(status(due)).containsEntry("status", 1).containsEntry("pending_cause", "CRON");
        assertThat(status(later)).containsEntry("status", 0);
        assertThat(status(disabled)).containsEntry("status", 0);

        List<TaskAssignment> claimed = claims.claim(nodeId, groupId, 10);
        assertThat(claimed).extracting(TaskAssignment::taskId).containsExactly(due);
        Map<String, Object> run = jdbc.queryForMap(
                "SELECT trigger_type, TIMESTAMPDIFF(SECOND, scheduled_at, started_at) AS late_s FROM jm_task_run"
                        + " WHERE id = ?",
                claimed.get(0).runId());
        assertThat(run).containsEntry("trigger_type", "CRON");
        assertThat(((Number) run.get("late_s")).longValue()).isGreaterThanOrEqualTo(89);
    }

    @Test
    void concurrentFirersFireEachSlotExactlyOnce() throws Exception {
        for (int i = 0; i < 60; i++) {
            cronTask("t" + i, "TIMESTAMPADD(SECOND, -1, NOW(3))", 0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> firers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            firers.add(pool.submit(() -> {
                int fired = 0;
                for (int round = 0; round < 5; round++) {
                    fired += firing.fireDue();
                }
                return fired;
            }));
        }
        int total = 0;
        for (Future<Integer> f : firers) {
            total += f.get();
        }
        pool.shutdown();

        assertThat(total).isEqualTo(60);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task WHERE status = 1 AND version = 1", Long.class))
                .as("each task moved to pending by exactly one firer")
                .isEqualTo(60);
    }

    @Test
    void untilNextSlotFollowsTheEarliestEnabledSchedule() {
        assertThat(firing.untilNextSlot()).isEqualTo(CronFiring.IDLE);
        cronTask("soon", "TIMESTAMPADD(MICROSECOND, 1500000, NOW(3))", 0);
        assertThat(firing.untilNextSlot().toMillis()).isBetween(1000L, 1600L);
    }

    @Test
    void aLapsedLeaseEndsTheRunLostAndRetriesOrFailsTheTask() {
        long retrying = runningTask("retrying", 1, 3, "TIMESTAMPADD(SECOND, -1, NOW(3))");
        long failing = runningTask("failing", 0, 0, "TIMESTAMPADD(SECOND, -1, NOW(3))");
        long alive = runningTask("alive", 0, 0, "TIMESTAMPADD(SECOND, 30, NOW(3))");

        assertThat(recovery.recoverExpired()).isEqualTo(2);

        assertThat(status(retrying)).containsEntry("status", 1).containsEntry("pending_cause", "RETRY");
        assertThat(status(failing)).containsEntry("status", 3);
        assertThat((String) status(failing).get("last_error")).contains("stopped heartbeating");
        assertThat(status(alive)).containsEntry("status", 2);
        assertThat(jdbc.queryForList("SELECT state FROM jm_task_run ORDER BY id", String.class))
                .containsExactly("LOST", "LOST", "RUNNING");
        assertThat(recovery.recoverExpired()).isZero();
    }

    @Test
    void historyOlderThanTheRetentionIsDeleted() {
        long task = runningTask("t", 0, 0, "NOW(3)");
        jdbc.update("UPDATE jm_task_run SET state = 'SUCCEEDED', finished_at = TIMESTAMPADD(HOUR, -2, NOW(3))");
        jdbc.update(
                "INSERT INTO jm_task_run (task_id, node_id, attempt, trigger_type, state, finished_at)"
                        + " VALUES (?, ?, 1, 'MANUAL', 'SUCCEEDED', NOW(3))",
                task,
                nodeId);

        List<Long> runs = jdbc.queryForList("SELECT id FROM jm_task_run ORDER BY id", Long.class);
        for (long run : runs) {
            for (int seq = 0; seq < 3; seq++) {
                jdbc.update(
                        "INSERT INTO jm_run_log (run_id, seq, at_ms, log_level, line) VALUES (?, ?, 0, 'INFO', 'x')",
                        run,
                        seq);
            }
        }

        assertThat(retention.deleteExpired()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run", Long.class))
                .isEqualTo(1);
        // The expired run's log went with it; the kept run's log stayed.
        assertThat(jdbc.queryForList("SELECT DISTINCT run_id FROM jm_run_log", Long.class))
                .containsExactly(runs.get(1));
    }

    private long cronTask(String name, String fireSql, int disable) {
        jdbc.update(
                "INSERT INTO jm_task (name, bean_name, status, disable, group_id, cron, next_fire_time)"
                        + " VALUES (?, 'helloJob', 0, ?, ?, '* * * * * *', " + fireSql + ")",
                name,
                disable,
                groupId);
        return jdbc.queryForObject("SELECT id FROM jm_task WHERE name = ?", Long.class, name);
    }

    private long runningTask(String name, int retry, int maxRetries, String leaseSql) {
        jdbc.update(
                "INSERT INTO jm_task (name, bean_name, status, retry, max_retries, attempt, group_id, node_id,"
                        + " lease_until) VALUES (?, 'helloJob', 2, ?, ?, 1, ?, ?, " + leaseSql + ")",
                name,
                retry,
                maxRetries,
                groupId,
                nodeId);
        long id = jdbc.queryForObject("SELECT id FROM jm_task WHERE name = ?", Long.class, name);
        jdbc.update(
                "INSERT INTO jm_task_run (task_id, node_id, attempt, trigger_type, state) VALUES (?, ?, 1, 'INSERT',"
                        + " 'RUNNING')",
                id,
                nodeId);
        jdbc.update("UPDATE jm_task SET run_id = (SELECT MAX(id) FROM jm_task_run) WHERE id = ?", id);
        return id;
    }

    private Map<String, Object> status(long id) {
        return jdbc.queryForMap("SELECT status, pending_cause, last_error FROM jm_task WHERE id = ?", id);
    }
}
