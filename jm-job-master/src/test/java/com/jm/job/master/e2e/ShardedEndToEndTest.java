package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import com.jm.job.master.e2e.FireHistory.Fire;
import com.jm.job.master.e2e.FireHistory.Run;
import com.jm.job.master.support.RedisCli;
import com.jm.job.master.support.TestDatabases;
import com.jm.job.master.support.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A 100-shard task fired at a fixed rate by two masters on one database and one Redis (both cron
 * loops running), its shards pulled by three nodes that talk to one master, the other, or both.
 * In every fire each shard index succeeds exactly once, every node takes shards, and the shard
 * whose handler fails its first two attempts is retried alone until it succeeds: three runs of it,
 * one of every other shard, the fire SUCCEEDED.
 */
class ShardedEndToEndTest {

    private static final String GROUP = "sharded";
    private static final int SHARDS = 100;
    private static final int FLAKY_SHARD = 7;
    /** Attempts of the flaky shard that fail; the one after succeeds. */
    private static final int FAILING_ATTEMPTS = 2;

    private static final int FIRES = 4;

    @BeforeEach
    void emptyRedis() {
        try (RedisCli redis = RedisCli.of(TestRedis.server())) {
            redis.flushDb();
        }
    }

    @Test
    void eachShardRunsOncePerFireAcrossTwoMastersAndAFailingShardIsRetriedAlone() {
        Phases phases = new Phases();
        String database = TestDatabases.createDatabase("e2e");
        List<String> properties = new ArrayList<>(TestRedis.server().masterProperties());
        properties.add("jm.job.master.retry-backoff-base=50ms");
        String[] shared = properties.toArray(String[]::new);
        Map<Long, AtomicInteger> counts = RecordingHandler.sharedCounts();
        List<RecordingHandler> handlers = List.of(
                new RecordingHandler("n1", counts, ShardedEndToEndTest::flaky),
                new RecordingHandler("n2", counts, ShardedEndToEndTest::flaky),
                new RecordingHandler("n3", counts, ShardedEndToEndTest::flaky));
        try (MasterInstance a = new MasterInstance(database, 0, shared).start();
                MasterInstance b = new MasterInstance(database, 0, shared).start();
                NodeInstance n1 = startNode(a.url(), handlers.get(0));
                NodeInstance n2 = startNode(b.url(), handlers.get(1));
                NodeInstance n3 = startNode(a.url() + "," + b.url(), handlers.get(2))) {
            JdbcTemplate jdbc = a.jdbc();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> FireHistory.nodeIds(jdbc).size() == 3);
            phases.end("start");
            long groupId = jdbc.queryForObject("SELECT id FROM jm_group WHERE name = ?", Long.class, GROUP);
            long task = new MasterApi(a.url())
                    .insertTask(Map.of(
                            "name",
                            "sharded",
                            "beanName",
                            "shardJob",
                            "groupId",
                            groupId,
                            "shards",
                            SHARDS,
                            "retry",
                            true,
                            "maxRetries",
                            3,
                            "fixedRate",
                            "PT1S"));

            await().atMost(Duration.ofSeconds(40)).until(() -> FireHistory.ended(jdbc, task, "SUCCEEDED") >= FIRES);
            phases.end(FIRES + " fires");
            // A disable now may land in a fire, which then ends CANCELLED: the checks below hold
            // for every fire, the exact counts for the ones that succeeded.
            new MasterApi(b.url()).disable(task);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM jm_task WHERE id = ? AND status = 2", Long.class, task)
                            == 0);
            phases.end("disable");
            System.out.println("ShardedEndToEndTest: " + phases);

            List<Fire> fires = FireHistory.of(jdbc, task);
            Map<String, Long> nodes = FireHistory.nodeIds(jdbc);
            printSpread(fires, nodes);
            assertThat(fires.stream().map(f -> f.record().scheduledAt()))
                    .as("no slot fired twice")
                    .doesNotHaveDuplicates();
            assertThat(fires).allSatisfy(ShardedEndToEndTest::assertNoShardRanTwice);
            List<Fire> succeeded =
                    fires.stream().filter(f -> f.state().equals("SUCCEEDED")).toList();
            assertThat(succeeded).hasSizeGreaterThanOrEqualTo(FIRES);
            assertThat(fires.stream().filter(f -> !f.state().equals("SUCCEEDED")))
                    .as("a fire that did not succeed was cut short by the disable")
                    .allSatisfy(f -> assertThat(f.state()).isEqualTo("CANCELLED"))
                    .hasSizeLessThanOrEqualTo(1);
            assertThat(succeeded).allSatisfy(fire -> assertEveryShardOnceAndTheFlakyOneRetriedAlone(fire, nodes));
            FireHistory.assertExecutedAsRecorded(
                    fires,
                    nodes,
                    handlers.stream().flatMap(h -> h.calls().stream()).toList(),
                    SHARDS);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task WHERE unit_of IS NOT NULL", Long.class))
                    .as("units left behind by the fires")
                    .isZero();
        }
    }

    /** Fails the first attempts of one shard, succeeds otherwise. */
    private static JobResult flaky(JobContext context) {
        if (context.shardIndex() == FLAKY_SHARD && context.attempt() <= FAILING_ATTEMPTS) {
            return JobResult.failure("shard " + FLAKY_SHARD + " fails attempt " + context.attempt());
        }
        return JobResult.success();
    }

    private static NodeInstance startNode(String masterUrls, RecordingHandler handler) {
        JobHandler shardJob = handler;
        return NodeInstance.start(masterUrls, GROUP, handler.node(), Map.of("shardJob", shardJob));
    }

    /**
     * Whatever the fire's outcome: no shard index succeeded twice, and its runs are attempts 1, 2, …
     * one after the other, never two at once.
     */
    private static void assertNoShardRanTwice(Fire fire) {
        fire.byShard().forEach((shard, runs) -> {
            assertThat(runs.stream().filter(r -> r.state().equals("SUCCEEDED")))
                    .as("fire %d, shard %d: successes", fire.record().id(), shard)
                    .hasSizeLessThanOrEqualTo(1);
            assertThat(runs.stream().map(Run::attempt))
                    .as("fire %d, shard %d: attempts", fire.record().id(), shard)
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, runs.size()).boxed().toList());
            for (int i = 1; i < runs.size(); i++) {
                assertThat(runs.get(i).startedAt())
                        .as(
                                "fire %d, shard %d: attempt %d started after attempt %d ended",
                                fire.record().id(), shard, i + 1, i)
                        .isAfterOrEqualTo(runs.get(i - 1).finishedAt());
            }
        });
    }

    private static void assertEveryShardOnceAndTheFlakyOneRetriedAlone(Fire fire, Map<String, Long> nodes) {
        assertThat(fire.record().shardTotal()).isEqualTo(SHARDS);
        assertThat(fire.record().message()).isEqualTo(SHARDS + " of " + SHARDS + " runs succeeded");
        Map<Integer, List<Run>> byShard = fire.byShard();
        assertThat(byShard.keySet())
                .containsExactlyElementsOf(IntStream.range(0, SHARDS).boxed().toList());
        byShard.forEach((shard, runs) -> {
            if (shard == FLAKY_SHARD) {
                assertThat(runs.stream().map(Run::state))
                        .as("fire %d: the flaky shard", fire.record().id())
                        .containsExactly("FAILED", "FAILED", "SUCCEEDED");
            } else {
                assertThat(runs)
                        .as("fire %d, shard %d", fire.record().id(), shard)
                        .singleElement()
                        .extracting(Run::state)
                        .isEqualTo("SUCCEEDED");
            }
        });
        assertThat(fire.runs()).hasSize(SHARDS + FAILING_ATTEMPTS);
        assertThat(fire.byNode().keySet())
                .as("nodes that took shards of fire %d", fire.record().id())
                .containsExactlyInAnyOrderElementsOf(nodes.values());
    }

    private static void printSpread(List<Fire> fires, Map<String, Long> nodes) {
        Map<Long, String> names =
                nodes.entrySet().stream().collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        for (Fire fire : fires) {
            System.out.printf(
                    "ShardedEndToEndTest: fire %d %s, runs per node %s, %d ms%n",
                    fire.record().id(),
                    fire.state(),
                    fire.byNode().entrySet().stream()
                            .collect(Collectors.toMap(e -> names.get(e.getKey()), e -> e.getValue()
                                    .size())),
                    Duration.between(fire.record().startedAt(), fire.record().finishedAt())
                            .toMillis());
        }
    }
}
