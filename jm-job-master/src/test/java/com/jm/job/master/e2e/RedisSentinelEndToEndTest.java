package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.master.index.GuardedPendingIndex;
import com.jm.job.master.index.IndexReconciler;
import com.jm.job.master.support.RedisHa;
import com.jm.job.master.support.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two masters on Redis through Sentinel ({@code spring.data.redis.sentinel.*} only), a primary
 * failover in the middle of a load: nothing is lost or run twice, both masters rebuild the index
 * on the new primary and subscribe to each other's events there, and work goes on through it.
 *
 * <p>Two ways the primary goes. {@code SENTINEL FAILOVER}: the old primary stays up and keeps
 * taking the masters' writes for about ten seconds, until the sentinel demotes it (and drops its
 * clients); whatever was written there in between is gone with the demotion. A killed primary:
 * the masters' connections break at once, Redis is away until the sentinel has promoted the
 * replica (the masters dispatch from the database meanwhile). A killed primary leaves the set-up
 * without a replica, so the next test starts it afresh ({@link RedisHa#ensureRunning}).
 */
class RedisSentinelEndToEndTest {

    private static final int TASKS = 400;

    @BeforeEach
    void emptyPrimary() {
        RedisHa.ensureRunning();
        try (RedisHa.SentinelCli sentinel = RedisHa.sentinel();
                RedisHa.Direct primary = new RedisHa.Direct(sentinel.primary())) {
            primary.sync().flushall();
        }
    }

    @Test
    void aSentinelFailoverMidLoadLosesNothingAndTheIndexIsRebuiltOnTheNewPrimary() throws Exception {
        loadThrough(RedisHa.SentinelCli::failover, true);
    }

    @Test
    void aKilledPrimaryMidLoadLosesNothingAndTheIndexIsRebuiltOnTheNewPrimary() throws Exception {
        loadThrough(RedisHa.SentinelCli::killPrimary, false);
    }

    /**
     * Runs the load, ends the primary the given way when a quarter of it has run, and checks what
     * the class says; {@code oldPrimaryLives}: it must come back as a replica.
     */
    private void loadThrough(Consumer<RedisHa.SentinelCli> fault, boolean oldPrimaryLives) throws Exception {
        String database = TestDatabases.createDatabase("e2e");
        Map<Long, AtomicInteger> calls = RecordingHandler.sharedCounts();
        ExecutorService inserters = Executors.newFixedThreadPool(2);
        try (RedisHa.SentinelCli sentinel = RedisHa.sentinel();
                MasterInstance a = sentinelMaster(database);
                MasterInstance b = sentinelMaster(database);
                NodeInstance n1 = NodeInstance.start(
                        a.url(), "sentinel", "n1", Map.of("countingJob", new RecordingHandler("n1", calls)));
                NodeInstance n2 = NodeInstance.start(
                        b.url(), "sentinel", "n2", Map.of("countingJob", new RecordingHandler("n2", calls)))) {
            List<MasterInstance> masters = List.of(a, b);
            JdbcTemplate jdbc = a.jdbc();
            String oldPrimary = sentinel.primary();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> masters.stream().allMatch(m -> m.bean(GuardedPendingIndex.class)
                                    .isAvailable())
                            && jdbc.queryForObject("SELECT COUNT(*) FROM jm_node", Long.class) == 2);
            long groupId = jdbc.queryForObject("SELECT id FROM jm_group WHERE name = 'sentinel'", Long.class);

            List<Future<Long>> inserted = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                MasterApi api = new MasterApi(masters.get(i % 2).url());
                String name = "t" + i;
                inserted.add(inserters.submit(() -> api.insertTask(groupId, name, "countingJob")));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> succeeded(jdbc) >= TASKS / 4);
            List<Long> rebuildsBefore = rebuilds(masters);
            long doneAtFailover = succeeded(jdbc);
            fault.accept(sentinel);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !sentinel.primary().equals(oldPrimary));
            String newPrimary = sentinel.primary();
            List<Long> tasks = new ArrayList<>();
            for (Future<Long> insert : inserted) {
                tasks.add(insert.get());
            }
            assertThat(doneAtFailover)
                    .as("the failover came before the load's end")
                    .isLessThan(TASKS);

            await().atMost(Duration.ofMinutes(3)).until(() -> succeeded(jdbc) == TASKS);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run", Long.class))
                    .as("one run per task, none LOST or repeated")
                    .isEqualTo(TASKS);
            assertThat(calls.keySet()).containsExactlyInAnyOrderElementsOf(tasks);
            assertThat(calls.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));

            if (oldPrimaryLives) {
                try (RedisHa.Direct old = new RedisHa.Direct(oldPrimary)) {
                    await().atMost(Duration.ofSeconds(60))
                            .alias("the old primary demoted to a replica")
                            .until(() -> "slave"
                                    .equals(String.valueOf(old.sync().role().get(0))));
                }
            }
            try (RedisHa.Direct current = new RedisHa.Direct(newPrimary)) {
                await().atMost(Duration.ofSeconds(60))
                        .alias("both masters rebuilt the index since the failover")
                        .until(() -> rebuiltSince(masters, rebuildsBefore));
                await().atMost(Duration.ofSeconds(60))
                        .alias("both masters subscribed to the events on the new primary")
                        .until(() -> current.sync()
                                        .pubsubNumsub("jmjob:pending-work")
                                        .get("jmjob:pending-work")
                                >= 2);
                await().atMost(Duration.ofSeconds(30))
                        .alias("the new primary holds the built index, drained of every finished task")
                        .until(() -> current.sync().exists("jmjob:pending-built:lanes") == 1
                                && current.sync().zcard("jmjob:pending:{" + groupId + "}") == 0);

                // Work goes on through the index on the new primary, woken across the masters.
                List<Long> after = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    after.add(new MasterApi(masters.get(i % 2).url()).insertTask(groupId, "after " + i, "countingJob"));
                }
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> calls.keySet().containsAll(after));
                assertThat(calls.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
                for (MasterInstance master : masters) {
                    assertThat(new MasterApi(master.url())
                                    .get("/actuator/health")
                                    .get("status")
                                    .asString())
                            .isEqualTo("UP");
                }
            }
        } finally {
            inserters.shutdownNow();
        }
    }

    private static MasterInstance sentinelMaster(String database) {
        return new MasterInstance(
                        database,
                        0,
                        Stream.concat(
                                        RedisHa.sentinelMasterProperties().stream(),
                                        // No periodic rebuild within the test: the failover's rebuild must
                                        // come from noticing it.
                                        Stream.of(
                                                "jm.job.master.index-check-interval=200ms",
                                                "jm.job.master.index-rebuild-interval=1h"))
                                .toArray(String[]::new))
                .start();
    }

    private static long succeeded(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run WHERE state = 'SUCCEEDED'", Long.class);
    }

    private static List<Long> rebuilds(List<MasterInstance> masters) {
        return masters.stream()
                .map(m -> m.bean(IndexReconciler.class).rebuilds())
                .toList();
    }

    private static boolean rebuiltSince(List<MasterInstance> masters, List<Long> before) {
        List<Long> now = rebuilds(masters);
        for (int i = 0; i < now.size(); i++) {
            if (now.get(i) <= before.get(i)) {
                return false;
            }
        }
        return true;
    }
}
