package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.master.domain.Tags;
import com.jm.job.master.events.MasterEvents;
import com.jm.job.master.events.PendingSignals;
import com.jm.job.master.index.GuardedPendingIndex;
import com.jm.job.master.index.IndexReconciler;
import com.jm.job.master.support.RedisHa;
import com.jm.job.master.support.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two masters on a Redis Cluster of three primaries, configured with
 * {@code spring.data.redis.cluster.nodes} only: groups whose index keys live on different primaries
 * are dispatched through the index (its Lua scripts take several lanes of a group at once), and the
 * wake-ups one master publishes reach the other.
 */
class RedisClusterEndToEndTest {

    private static final int GROUPS = 6;
    private static final int TASKS_PER_GROUP = 20;

    @BeforeAll
    static void servers() {
        RedisHa.ensureRunning();
    }

    @BeforeEach
    void emptyCluster() {
        try (RedisHa.ClusterCli cluster = RedisHa.cluster()) {
            cluster.flushAll();
        }
    }

    @Test
    void tasksOfGroupsOnEveryPrimaryAreDispatchedThroughTheIndexExactlyOnce() {
        String database = TestDatabases.createDatabase("e2e");
        Map<Long, AtomicInteger> calls = RecordingHandler.sharedCounts();
        try (MasterInstance a = clusterMaster(database);
                MasterInstance b = clusterMaster(database);
                RedisHa.ClusterCli cluster = RedisHa.cluster()) {
            List<MasterInstance> masters = List.of(a, b);
            awaitIndexUsable(masters);
            List<MasterApi> apis = List.of(new MasterApi(a.url()), new MasterApi(b.url()));
            List<Long> groups = new ArrayList<>();
            Set<String> primaries = new HashSet<>();
            for (int g = 0; g < GROUPS; g++) {
                long groupId = apis.get(g % 2).createGroup("cluster-" + g);
                groups.add(groupId);
                primaries.add(cluster.primaryOf(laneKey(groupId, "")));
            }
            assertThat(primaries).as("primaries holding the groups' index keys").hasSizeGreaterThan(1);

            // No node yet: every task waits in the index, half of each group in its tag lane.
            List<Long> tasks = new ArrayList<>();
            for (int i = 0; i < GROUPS * TASKS_PER_GROUP; i++) {
                long groupId = groups.get(i % GROUPS);
                Map<String, Object> task = i % 2 == 0
                        ? Map.of("name", "t" + i, "beanName", "countingJob", "groupId", groupId)
                        : Map.of(
                                "name", "t" + i, "beanName", "countingJob", "groupId", groupId, "tags", List.of("gpu"));
                tasks.add(apis.get(i % 2).insertTask(task));
            }
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(indexed(cluster, groups)).isEqualTo(tasks.size()));

            List<NodeInstance> nodes = new ArrayList<>();
            try {
                for (int g = 0; g < GROUPS; g++) {
                    String name = "n" + g;
                    nodes.add(NodeInstance.start(
                            masters.get(g % 2).url(),
                            "cluster-" + g,
                            name,
                            Map.of("countingJob", new RecordingHandler(name, calls)),
                            "jm.job.client.tags=gpu"));
                }
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> a.jdbc()
                                        .queryForObject(
                                                "SELECT COUNT(*) FROM jm_task_run WHERE state = 'SUCCEEDED'",
                                                Long.class)
                                == tasks.size());
            } finally {
                nodes.forEach(NodeInstance::close);
            }

            assertThat(a.jdbc().queryForObject("SELECT COUNT(*) FROM jm_task_run", Long.class))
                    .isEqualTo(tasks.size());
            assertThat(calls.keySet()).containsExactlyInAnyOrderElementsOf(tasks);
            assertThat(calls.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
            assertThat(indexed(cluster, groups))
                    .as("every entry was taken out of the index by a poll")
                    .isZero();
            for (MasterInstance master : masters) {
                assertThat(master.bean(GuardedPendingIndex.class).isAvailable()).isTrue();
                // Every way back from the database fallback goes through a rebuild: only the one at
                // start means each poll since found its work in the index.
                assertThat(master.bean(IndexReconciler.class).rebuilds())
                        .as("rebuilds on " + master.url())
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void aWakeUpPublishedOnOneMasterReachesTheOther() {
        String database = TestDatabases.createDatabase("e2e");
        try (MasterInstance a = clusterMaster(database);
                MasterInstance b = clusterMaster(database)) {
            awaitIndexUsable(List.of(a, b));
            // Groups whose keys hash to different slots: the channel is one for all of them.
            for (long groupId : List.of(1L, 2L, 3L)) {
                wakeUpTravels(a, b, groupId);
                wakeUpTravels(b, a, groupId);
            }
        }
    }

    /**
     * A wake-up published on {@code from} moves the group's generation on {@code to}, which no
     * write of its own touches here: it came over the cluster's pub/sub.
     */
    private static void wakeUpTravels(MasterInstance from, MasterInstance to, long groupId) {
        PendingSignals signals = to.bean(PendingSignals.class);
        long seen = signals.generation(groupId);
        // Subscribing happens in the background at start; until then a wake-up is not heard.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            from.bean(MasterEvents.class).pendingWork(groupId);
            return signals.generation(groupId) > seen;
        });
        long before = signals.generation(groupId);
        from.bean(MasterEvents.class).pendingWork(groupId);
        await().atMost(Duration.ofSeconds(10)).until(() -> signals.generation(groupId) > before);
    }

    private static MasterInstance clusterMaster(String database) {
        return new MasterInstance(
                        database,
                        0,
                        Stream.concat(
                                        RedisHa.clusterMasterProperties().stream(),
                                        // A rebuild only at start, unless the index was unavailable.
                                        Stream.of(
                                                "jm.job.master.index-check-interval=200ms",
                                                "jm.job.master.index-rebuild-interval=1h"))
                                .toArray(String[]::new))
                .start();
    }

    private static void awaitIndexUsable(List<MasterInstance> masters) {
        await().atMost(Duration.ofSeconds(30)).until(() -> masters.stream()
                .allMatch(m -> m.bean(GuardedPendingIndex.class).isAvailable()));
    }

    /** Entries in the groups' own and gpu lanes, read on the primaries holding them. */
    private static long indexed(RedisHa.ClusterCli cluster, List<Long> groups) {
        long entries = 0;
        for (long groupId : groups) {
            for (String suffix : List.of("", ":t" + Tags.stored(List.of("gpu")))) {
                Long size = cluster.template().opsForZSet().zCard(laneKey(groupId, suffix));
                entries += size == null ? 0 : size;
            }
        }
        return entries;
    }

    private static String laneKey(long groupId, String suffix) {
        return "jmjob:pending:{" + groupId + "}" + suffix;
    }
}
