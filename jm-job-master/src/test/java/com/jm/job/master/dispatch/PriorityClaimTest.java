package com.jm.job.master.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.common.protocol.TaskAssignment;
import com.jm.job.master.clock.DatabaseClock;
import com.jm.job.master.domain.TaskPriority;
import com.jm.job.master.index.IndexReconciler;
import com.jm.job.master.service.TaskDefinition;
import com.jm.job.master.service.TaskService;
import com.jm.job.master.store.GroupMapper;
import com.jm.job.master.support.Fixtures;
import com.jm.job.master.support.MariaDbTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Priority on MariaDB: many claimers racing over a group whose due tasks have mixed priorities each
 * get the best tasks left (highest priority, then due time), no task twice; from the table and
 * through the pending index. And the claim's plan: the priority index serves its ORDER BY, so SKIP
 * LOCKED skips instead of the first claimer locking every due row.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PriorityClaimTest extends MariaDbTest {

    private static final int TASKS = 400;
    private static final int CLAIMERS = 8;
    private static final int BATCH = 9;

    /** The claim order: priority descending, then due time (ties by id within one batch only). */
    private static final Comparator<Claimable> BEST_FIRST =
            Comparator.comparingInt(Claimable::priority).reversed().thenComparing(Claimable::due);

    @Autowired
    ClaimService claims;

    @Autowired
    WorkFinder finder;

    @Autowired
    IndexReconciler reconciler;

    @Autowired
    TaskService taskService;

    @Autowired
    GroupMapper groups;

    @Autowired
    SqlSessionFactory sqlSessions;

    @Autowired
    DatabaseClock databaseClock;

    long groupId;

    @BeforeEach
    void group() {
        clean();
        groupId = Fixtures.group(groups).getId();
    }

    @Test
    void theClaimIsServedByThePriorityIndexWithoutAFilesort() {
        long otherGroup = Fixtures.group(groups).getId();
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 6000; i++) {
            rows.append(i == 0 ? "" : ",")
                    .append("('t")
                    .append(i)
                    .append("','helloJob',")
                    .append(i % 4)
                    .append(',')
                    .append(i % 17 == 0 ? 1 : 0)
                    .append(',')
                    .append(i % 3 == 0 ? otherGroup : groupId)
                    .append(',')
                    .append(i % 10)
                    .append(",NOW(3) - INTERVAL ")
                    .append(i % 600 - 60)
                    .append(" SECOND)");
        }
        jdbc.update("INSERT INTO jm_task (name, bean_name, status, disable, group_id, priority, next_fire_time) VALUES "
                + rows);
        jdbc.execute("ANALYZE TABLE jm_task");
        String lockDue = sqlSessions
                .getConfiguration()
                .getMappedStatement("com.jm.job.master.store.ClaimMapper.lockDue")
                .getBoundSql(Map.of("groupId", groupId, "nodeId", 0L, "nodeTags", List.of(), "limit", 100))
                .getSql();
        assertThat(lockDue).contains("ORDER BY priority DESC, next_fire_time, id");

        Map<String, Object> plan = explain(lockDue);
        assertThat(plan.get("key")).as("plan %s", plan).isEqualTo("idx_task_claim_priority");
        assertThat(String.valueOf(plan.get("Extra"))).as("plan %s", plan).doesNotContain("filesort");

        // The check can fail: the same statement in an order no index serves is sorted.
        Map<String, Object> unserved = explain(lockDue.replace("priority DESC", "priority ASC"));
        assertThat(String.valueOf(unserved.get("Extra")))
                .as("plan %s", unserved)
                .contains("filesort");
    }

    @Test
    void tableClaimsTakeTheBestDueTasksFirstAndNoneTwice() throws Exception {
        insertMixedPriorities();

        List<Batch> batches = race((nodeId, limit) -> claims.claim(nodeId, groupId, limit));

        assertBestFirst(batches);
    }

    @Test
    void indexClaimsTakeTheBestDueTasksFirstAndNoneTwice() throws Exception {
        assertThat(reconciler.reconcile()).as("index available").isTrue();
        for (int i = 0; i < TASKS; i++) {
            // Through the service, so each task reaches the index as a write puts it there.
            taskService.insert(groupId, definition("t" + i, priorityOf(i)));
        }

        awaitAllDueByTheIndexClock();

        List<Batch> batches =
                race((nodeId, limit) -> finder.look(nodeId, groupId, limit).claimed());

        assertBestFirst(batches);
    }

    @Test
    void aRebuiltIndexKeepsThePriorities() throws Exception {
        insertMixedPriorities();
        assertThat(reconciler.rebuildNow()).isEqualTo(TASKS);
        awaitAllDueByTheIndexClock();

        List<Batch> batches =
                race((nodeId, limit) -> finder.look(nodeId, groupId, limit).claimed());

        assertBestFirst(batches);
    }

    @Test
    void aHigherPriorityTaskNotYetDueHoldsNoDueTaskBack() {
        long nodeId = node("n");
        taskService.insert(groupId, definition("low, due", 0));
        jdbc.update(
                "INSERT INTO jm_task (name, bean_name, status, group_id, priority, next_fire_time)"
                        + " VALUES ('high, in an hour', 'helloJob', 1, ?, 9, NOW(3) + INTERVAL 1 HOUR)",
                groupId);

        assertThat(claims.claim(nodeId, groupId, 5))
                .extracting(TaskAssignment::taskName)
                .containsExactly("low, due");
    }

    /** Priorities mixed so that neighbours by id differ; due times spread over the last minute. */
    private void insertMixedPriorities() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            rows.add(new Object[] {"t" + i, groupId, priorityOf(i), i % 60});
        }
        jdbc.batchUpdate(
                "INSERT INTO jm_task (name, bean_name, status, pending_cause, group_id, priority, next_fire_time)"
                        + " VALUES (?, 'helloJob', 1, 'INSERT', ?, ?, NOW(3) - INTERVAL ? SECOND)",
                rows);
    }

    private static int priorityOf(int i) {
        return (i * 7) % (TaskPriority.MAX + 1);
    }

    private static TaskDefinition definition(String name, int priority) {
        return new TaskDefinition(
                name,
                "helloJob",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                0,
                null,
                java.util.List.of(),
                false,
                priority,
                TaskDefinition.Execution.DEFAULT);
    }

    private record Claimable(long id, int priority, Timestamp due) {}

    /** One claim call: what it got, and when it started and returned (its transaction committed). */
    private record Batch(List<Long> taskIds, long startedNanos, long endedNanos) {}

    private List<Batch> race(BiFunction<Long, Integer, List<TaskAssignment>> claim) throws Exception {
        ConcurrentLinkedQueue<Batch> batches = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(CLAIMERS);
        List<Future<?>> claimers = new ArrayList<>();
        for (int c = 0; c < CLAIMERS; c++) {
            long nodeId = node("claimer-" + c);
            claimers.add(pool.submit(() -> {
                start.await();
                while (true) {
                    long started = System.nanoTime();
                    List<TaskAssignment> got = claim.apply(nodeId, BATCH);
                    if (got.isEmpty()) {
                        // Empty while others hold the last rows: done only once none is pending.
                        if (pendingLeft() == 0) {
                            return null;
                        }
                        continue;
                    }
                    assertThat(got).hasSizeLessThanOrEqualTo(BATCH);
                    batches.add(
                            new Batch(got.stream().map(TaskAssignment::taskId).toList(), started, System.nanoTime()));
                }
            }));
        }
        start.countDown();
        for (Future<?> f : claimers) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return new ArrayList<>(batches);
    }

    private void assertBestFirst(List<Batch> batches) {
        Map<Long, Claimable> tasks = new HashMap<>();
        jdbc.query(
                "SELECT id, priority, next_fire_time FROM jm_task WHERE group_id = ?",
                rs -> {
                    tasks.put(
                            rs.getLong("id"),
                            new Claimable(rs.getLong("id"), rs.getInt("priority"), rs.getTimestamp("next_fire_time")));
                },
                groupId);
        List<Long> claimed = batches.stream().flatMap(b -> b.taskIds().stream()).toList();
        assertThat(claimed).hasSize(TASKS).doesNotHaveDuplicates();
        assertThat(claimed).containsExactlyInAnyOrderElementsOf(tasks.keySet());
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM jm_task_run r JOIN jm_task t ON t.run_id = r.id WHERE t.group_id = ?"
                                + " AND t.status = 2",
                        Long.class,
                        groupId))
                .as("each task running its own run")
                .isEqualTo(TASKS);
        assertThat(batches.stream().map(Batch::taskIds).collect(Collectors.toSet()))
                .as("the priorities were mixed within batches, or the order would be untested")
                .anySatisfy(ids -> assertThat(
                                ids.stream().map(id -> tasks.get(id).priority()).distinct())
                        .hasSizeGreaterThan(1));
        for (Batch batch : batches) {
            List<Claimable> got = batch.taskIds().stream().map(tasks::get).toList();
            assertThat(got).as("a batch is handed out best first").isSortedAccordingTo(BEST_FIRST);
        }
        // A claim that started after another had returned found everything that one left behind:
        // none of what it got may beat the worst of the earlier claim.
        for (Batch earlier : batches) {
            Claimable worstEarlier =
                    earlier.taskIds().stream().map(tasks::get).max(BEST_FIRST).orElseThrow();
            for (Batch later : batches) {
                if (later.startedNanos() > earlier.endedNanos()) {
                    Claimable bestLater = later.taskIds().stream()
                            .map(tasks::get)
                            .min(BEST_FIRST)
                            .orElseThrow();
                    assertThat(BEST_FIRST.compare(worstEarlier, bestLater))
                            .as("%s claimed after %s returned with %s", bestLater, earlier.taskIds(), worstEarlier)
                            .isLessThanOrEqualTo(0);
                }
            }
        }
    }

    private long pendingLeft() {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM jm_task WHERE group_id = ? AND status = 1", Long.class, groupId);
    }

    /**
     * Index scores are compared with this master's estimate of the database clock: wait until it
     * says every task is due, so that no claim passes over a task only because it was not yet due.
     */
    private void awaitAllDueByTheIndexClock() {
        Instant lastDue = jdbc.queryForObject(
                        "SELECT MAX(next_fire_time) FROM jm_task WHERE group_id = ?", Timestamp.class, groupId)
                .toLocalDateTime()
                .toInstant(ZoneOffset.UTC);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !databaseClock.estimate().isBefore(lastDue));
    }

    private long node(String instance) {
        jdbc.update("INSERT INTO jm_node (ip, group_id, instance) VALUES ('127.0.0.1', ?, ?)", groupId, instance);
        return jdbc.queryForObject(
                "SELECT id FROM jm_node WHERE group_id = ? AND instance = ?", Long.class, groupId, instance);
    }

    private Map<String, Object> explain(String sql) {
        List<Map<String, Object>> rows = jdbc.queryForList("EXPLAIN " + sql, groupId, 0L, 100);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
