package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobResult;
import com.jm.job.master.e2e.FireHistory.Fire;
import com.jm.job.master.e2e.FireHistory.Run;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A disable during a sharded fire, with a real master and three real nodes: the shards that run
 * then hold every worker thread until they are told to stop, the others wait. After the disable
 * has returned no further shard starts, not even once the nodes' threads are free again; the
 * running ones are cancelled at the nodes' next heartbeats, and the fire ends CANCELLED.
 */
class FireDisableEndToEndTest {

    private static final String GROUP = "fire-disable";
    private static final int SHARDS = 20;
    private static final int THREADS_PER_NODE = 2;
    private static final int NODES = 3;
    private static final int SLOTS = NODES * THREADS_PER_NODE;
    private static final Duration HEARTBEAT = Duration.ofMillis(500);

    @Test
    void noShardStartsAfterTheDisableReturnedAndTheRunningOnesAreCancelled() throws Exception {
        Map<Long, AtomicInteger> counts = RecordingHandler.sharedCounts();
        Set<Long> stopped = ConcurrentHashMap.newKeySet();
        List<RecordingHandler> handlers =
                List.of(slow("n1", counts, stopped), slow("n2", counts, stopped), slow("n3", counts, stopped));
        try (MasterInstance master = MasterInstance.onFreshDatabase().start();
                NodeInstance n1 = startNode(master, handlers.get(0));
                NodeInstance n2 = startNode(master, handlers.get(1));
                NodeInstance n3 = startNode(master, handlers.get(2))) {
            MasterApi api = new MasterApi(master.url());
            JdbcTemplate jdbc = master.jdbc();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> FireHistory.nodeIds(jdbc).size() == NODES);
            long groupId = jdbc.queryForObject("SELECT id FROM jm_group WHERE name = ?", Long.class, GROUP);
            long task = api.insertTask(
                    Map.of("name", "slow shards", "beanName", "slowJob", "groupId", groupId, "shards", SHARDS));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> handlers.stream()
                                    .mapToInt(RecordingHandler::runsHere)
                                    .sum()
                            == SLOTS);

            // The disable happened between these two readings of the database clock.
            LocalDateTime beforeDisable = dbNow(jdbc);
            api.disable(task);
            LocalDateTime disabledAt = dbNow(jdbc);
            Set<Long> runsWhenDisabled = runIds(FireHistory.of(jdbc, task).get(0));

            await().atMost(Duration.ofSeconds(20)).until(() -> FireHistory.ended(jdbc, task) == 1);
            Fire fire = FireHistory.of(jdbc, task).get(0);
            System.out.printf(
                    "FireDisableEndToEndTest: fire %s (%s), last run cancelled %d ms after the disable returned%n",
                    fire.state(),
                    fire.record().message(),
                    fire.runs().stream()
                            .mapToLong(r ->
                                    Duration.between(disabledAt, r.finishedAt()).toMillis())
                            .max()
                            .orElse(-1));
            assertThat(fire.state()).isEqualTo("CANCELLED");
            assertThat(runsWhenDisabled).as("every thread busy with a shard").hasSize(SLOTS);
            assertThat(runIds(fire)).as("runs of the fire now").isEqualTo(runsWhenDisabled);
            assertThat(fire.runs()).allSatisfy(run -> {
                assertThat(run.startedAt()).as("run %d started", run.id()).isBeforeOrEqualTo(disabledAt);
                assertThat(run.state()).isEqualTo("CANCELLED");
                assertThat(run.message()).isEqualTo("cancelled by the master");
                assertThat(run.finishedAt()).isAfterOrEqualTo(beforeDisable);
            });
            assertThat(stopped).as("handlers told to stop").isEqualTo(runsWhenDisabled);

            // The nodes' threads are free again and the nodes still claim: an ordinary task
            // inserted now runs, and still no shard of the disabled task does.
            long sentinel = api.insertTask(groupId, "sentinel", "slowJob");
            await().atMost(Duration.ofSeconds(20)).until(() -> counts.containsKey(sentinel));
            // Compared here, not in SQL: Connector/J on MariaDB drops the fraction of a bound time
            // (see UtcDateTimeTypeHandler), which would count runs of the same second as later.
            assertThat(FireHistory.of(jdbc, task).get(0).runs())
                    .as("runs of the fire once the nodes were free again")
                    .allSatisfy(run -> assertThat(run.startedAt()).isBeforeOrEqualTo(disabledAt))
                    .extracting(Run::id)
                    .containsExactlyInAnyOrderElementsOf(runsWhenDisabled);
            assertThat(handlers.stream().flatMap(h -> h.calls().stream()).filter(c -> c.taskId() == task))
                    .hasSize(SLOTS);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task WHERE unit_of = ?", Long.class, task))
                    .as("units left behind by the fire")
                    .isZero();
        }
    }

    /**
     * A shard that runs until the node stops it (the master's cancel interrupts its thread), noting
     * its run id in {@code stopped} when it is; an ordinary run succeeds at once.
     */
    private static RecordingHandler slow(String node, Map<Long, AtomicInteger> counts, Set<Long> stopped) {
        return new RecordingHandler(node, counts, (JobContext context) -> {
            if (context.shardTotal() == 1) {
                return JobResult.success();
            }
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                stopped.add(context.runId());
                Thread.currentThread().interrupt();
            }
            return JobResult.success("not reported: the node reports a stopped run as cancelled");
        });
    }

    private static NodeInstance startNode(MasterInstance master, RecordingHandler handler) {
        return NodeInstance.start(
                master.url(),
                GROUP,
                handler.node(),
                Map.of("slowJob", handler),
                "jm.job.client.worker-threads=" + THREADS_PER_NODE,
                "jm.job.client.heartbeat-interval=" + HEARTBEAT.toMillis() + "ms");
    }

    private static LocalDateTime dbNow(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT UTC_TIMESTAMP(3)", LocalDateTime.class);
    }

    private static Set<Long> runIds(Fire fire) {
        return fire.runs().stream().map(Run::id).collect(Collectors.toSet());
    }
}
