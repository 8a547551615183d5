package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.master.e2e.FireHistory.Fire;
import com.jm.job.master.e2e.FireHistory.Run;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Broadcast fires with a real master and three real nodes, one of them in a JVM of its own. Fifty
 * fires, each triggered once the one before has ended, give every node exactly its own run of each.
 * Then that JVM is SIGKILLed while its run of a fire blocks: its run is LOST when its lease lapses,
 * the other two succeed, the fire (no retry) fails, and the fires after it go to the two nodes left.
 */
class BroadcastEndToEndTest {

    private static final String GROUP = "broadcast";
    private static final int FIRES = 50;
    private static final int FIRES_AFTER_THE_KILL = 3;
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration LEASE_CHECK_INTERVAL = Duration.ofMillis(200);
    /** Short, so the killed node is offline soon after its lease lapsed; the nodes beat 6 times as often. */
    private static final Duration OFFLINE_AFTER = Duration.ofSeconds(3);

    private static final String HEARTBEAT = "jm.job.client.heartbeat-interval=500ms";
    /** Room for a busy two-core machine on top of lease and check interval. */
    private static final Duration DETECTION_MARGIN = Duration.ofSeconds(5);

    @Test
    void everyFireRunsOnceOnEachNodeAndAKilledNodesRunIsLostWhileTheOthersSucceed() {
        Map<Long, AtomicInteger> counts = RecordingHandler.sharedCounts();
        RecordingHandler first = new RecordingHandler("n1", counts);
        RecordingHandler second = new RecordingHandler("n2", counts);
        Phases phases = new Phases();
        try (MasterInstance master = MasterInstance.onFreshDatabase(
                                "jm.job.master.lease=" + LEASE.toMillis() + "ms",
                                "jm.job.master.lease-check-interval=" + LEASE_CHECK_INTERVAL.toMillis() + "ms",
                                "jm.job.master.node-offline-after=" + OFFLINE_AFTER.toMillis() + "ms")
                        .start();
                ChildJvm doomed = startDoomed(master);
                NodeInstance n1 = startNode(master, first);
                NodeInstance n2 = startNode(master, second)) {
            MasterApi api = new MasterApi(master.url());
            JdbcTemplate jdbc = master.jdbc();
            Map<String, Long> nodes = awaitOnline(api, jdbc, doomed);
            phases.end("start");
            long groupId = jdbc.queryForObject("SELECT id FROM jm_group WHERE name = ?", Long.class, GROUP);
            long task = api.insertTask(Map.of(
                    "name",
                    "broadcast",
                    "beanName",
                    NodeMain.JOURNALING_BEAN,
                    "groupId",
                    groupId,
                    "mode",
                    "BROADCAST"));

            // The insert is the first fire; each further one is triggered once the one before ended.
            awaitFiresEnded(jdbc, task, 1);
            for (int fire = 2; fire <= FIRES; fire++) {
                api.trigger(task, null);
                awaitFiresEnded(jdbc, task, fire);
            }
            phases.end(FIRES + " fires");
            List<Fire> fires = FireHistory.of(jdbc, task);
            assertThat(fires).hasSize(FIRES);
            assertThat(fires).allSatisfy(fire -> assertRanOnceOnEach(fire, Set.copyOf(nodes.values())));
            List<RecordingHandler.Call> calls = new ArrayList<>(first.calls());
            calls.addAll(second.calls());
            calls.addAll(NodeMain.journal("doomed", doomed.output()));
            FireHistory.assertExecutedAsRecorded(fires, nodes, calls, 3);

            Fire killed = killMidFire(api, jdbc, task, doomed, nodes.get("doomed"));
            phases.end("kill");
            assertThat(killed.state())
                    .as("the fire of the killed node, without retry")
                    .isEqualTo("FAILED");
            assertThat(killed.record().message()).isEqualTo("2 of 3 runs succeeded, 1 failed (1 LOST)");
            assertThat(jdbc.queryForObject("SELECT status FROM jm_task WHERE id = ?", Integer.class, task))
                    .as("the task is in error after a failed fire")
                    .isEqualTo(3);
            Map<Long, List<Run>> byNode = killed.byNode();
            assertThat(byNode.keySet()).containsExactlyInAnyOrderElementsOf(nodes.values());
            assertThat(byNode.get(nodes.get("n1")))
                    .singleElement()
                    .extracting(Run::state)
                    .isEqualTo("SUCCEEDED");
            assertThat(byNode.get(nodes.get("n2")))
                    .singleElement()
                    .extracting(Run::state)
                    .isEqualTo("SUCCEEDED");

            // A fire counts the nodes online when it starts: once the master sees the killed one
            // offline, it is left out.
            await().atMost(Duration.ofSeconds(20)).until(() -> !api.online(nodes.get("doomed")));
            phases.end("offline");
            for (int fire = 1; fire <= FIRES_AFTER_THE_KILL; fire++) {
                api.trigger(task, null);
                awaitFiresEnded(jdbc, task, FIRES + 1 + fire);
            }
            phases.end("later fires");
            System.out.println("BroadcastEndToEndTest: " + phases);
            List<Fire> later = FireHistory.of(jdbc, task).subList(FIRES + 1, FIRES + 1 + FIRES_AFTER_THE_KILL);
            assertThat(later).allSatisfy(fire -> assertRanOnceOnEach(fire, Set.of(nodes.get("n1"), nodes.get("n2"))));
            assertThat(first.runsHere()).isEqualTo(FIRES + 1 + FIRES_AFTER_THE_KILL);
            assertThat(second.runsHere()).isEqualTo(FIRES + 1 + FIRES_AFTER_THE_KILL);
            assertThat(NodeMain.journal("doomed", doomed.output()))
                    .as("the killed node's runs: the fifty fires and the one it died in")
                    .hasSize(FIRES + 1);
        }
    }

    /** The node to kill, with short polls: see LostNodeEndToEndTest for why. */
    private static ChildJvm startDoomed(MasterInstance master) {
        return ChildJvm.node(master.url(), GROUP, "doomed", HEARTBEAT, "jm.job.client.poll-wait=500ms");
    }

    private static NodeInstance startNode(MasterInstance master, RecordingHandler handler) {
        return NodeInstance.start(
                master.url(),
                GROUP,
                handler.node(),
                Map.of(NodeMain.JOURNALING_BEAN, handler),
                HEARTBEAT,
                "jm.job.client.worker-threads=2");
    }

    /** Waits until the three nodes are registered and online; answers their ids by instance name. */
    private static Map<String, Long> awaitOnline(MasterApi api, JdbcTemplate jdbc, ChildJvm doomed) {
        await().atMost(Duration.ofSeconds(60))
                .failFast("the node JVM exited; see " + doomed.log(), () -> !doomed.handle()
                        .isAlive())
                .until(() -> FireHistory.nodeIds(jdbc).size() == 3);
        Map<String, Long> nodes = FireHistory.nodeIds(jdbc);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> nodes.values().stream().allMatch(api::online));
        return nodes;
    }

    /** One run on each of {@code nodes}, each its own shard index of as many, all SUCCEEDED, and so the fire. */
    private static void assertRanOnceOnEach(Fire fire, Set<Long> nodes) {
        assertThat(fire.state()).as("fire %d", fire.record().id()).isEqualTo("SUCCEEDED");
        assertThat(fire.record().shardTotal()).isEqualTo(nodes.size());
        assertThat(fire.runs()).hasSize(nodes.size()).allSatisfy(run -> {
            assertThat(run.state()).isEqualTo("SUCCEEDED");
            assertThat(run.attempt()).isEqualTo(1);
            assertThat(run.shardTotal()).isEqualTo(nodes.size());
        });
        assertThat(fire.byNode().keySet())
                .as("nodes of fire %d", fire.record().id())
                .isEqualTo(nodes);
        assertThat(fire.byShard()).hasSize(nodes.size());
    }

    /**
     * Triggers a fire in which the node in the other JVM blocks, waits until the other two nodes'
     * runs of it have succeeded and the blocked one has started, SIGKILLs that JVM and waits for the
     * fire to end; checks the killed node's run and answers the fire.
     */
    private static Fire killMidFire(MasterApi api, JdbcTemplate jdbc, long task, ChildJvm doomed, long doomedNode) {
        api.trigger(task, NodeMain.BLOCK);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<Fire> fires = FireHistory.of(jdbc, task);
            if (fires.size() <= FIRES) {
                return false;
            }
            Fire fire = fires.get(FIRES);
            return fire.runs().stream()
                                    .filter(r -> r.state().equals("SUCCEEDED"))
                                    .count()
                            == 2
                    && fire.byNode().containsKey(doomedNode)
                    && doomed.output()
                            .contains(NodeMain.STARTED
                                    + fire.byNode().get(doomedNode).get(0).id());
        });
        assertThat(FireHistory.of(jdbc, task).get(FIRES).state()).isEqualTo("RUNNING");
        assertThat(doomed.kill())
                .as("exit status of a JVM ended by SIGKILL (128 + 9)")
                .isEqualTo(137);
        LocalDateTime killedAt = jdbc.queryForObject("SELECT UTC_TIMESTAMP(3)", LocalDateTime.class);

        awaitFiresEnded(jdbc, task, FIRES + 1);
        Fire fire = FireHistory.of(jdbc, task).get(FIRES);
        Run lost = fire.byNode().get(doomedNode).get(0);
        assertThat(lost.state()).isEqualTo("LOST");
        assertThat(lost.message()).contains("lease expired").contains("node " + doomedNode);
        Duration detection = Duration.between(killedAt, lost.finishedAt());
        System.out.printf(
                "BroadcastEndToEndTest: run LOST %d ms after SIGKILL (lease %d ms)%n",
                detection.toMillis(), LEASE.toMillis());
        assertThat(detection)
                .as("LOST after the kill, by the lapse of the lease")
                .isPositive()
                .isLessThan(LEASE.plus(LEASE_CHECK_INTERVAL).plus(DETECTION_MARGIN));
        return fire;
    }

    private static void awaitFiresEnded(JdbcTemplate jdbc, long task, long fires) {
        conditions().until(() -> FireHistory.ended(jdbc, task) >= fires);
        assertThat(FireHistory.ended(jdbc, task)).as("fires ended").isEqualTo(fires);
    }

    /** Checked often: fifty fires are waited for one after the other. */
    private static ConditionFactory conditions() {
        return await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
    }
}
