package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.master.support.Ports;
import com.jm.job.master.support.RedisCli;
import com.jm.job.master.support.TestDatabases;
import com.jm.job.master.support.TestRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Masters sharing the Redis pending index: writes on one master wake polls on the other, a flushed
 * or stopped Redis loses no work, and health says when the master is dispatching without it.
 */
class RedisIndexEndToEndTest {

    @BeforeEach
    void emptyRedis() {
        try (RedisCli redis = RedisCli.of(TestRedis.server())) {
            redis.flushDb();
        }
    }

    @Test
    void tasksInsertedAlternatelyThroughTwoMastersEachRunOnce() {
        String database = TestDatabases.createDatabase("e2e");
        String[] redis = TestRedis.server().masterProperties().toArray(String[]::new);
        Map<Long, AtomicInteger> calls = RecordingHandler.sharedCounts();
        RecordingHandler first = new RecordingHandler("n1", calls);
        RecordingHandler second = new RecordingHandler("n2", calls);
        try (MasterInstance a = new MasterInstance(database, 0, redis).start();
                MasterInstance b = new MasterInstance(database, 0, redis).start();
                NodeInstance n1 = NodeInstance.start(a.url(), "pair", "n1", Map.of("countingJob", first));
                NodeInstance n2 = NodeInstance.start(b.url(), "pair", "n2", Map.of("countingJob", second))) {
            JdbcTemplate jdbc = a.jdbc();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM jm_node", Long.class) == 2);
            long groupId = jdbc.queryForObject("SELECT id FROM jm_group WHERE name = 'pair'", Long.class);
            MasterApi[] apis = {new MasterApi(a.url()), new MasterApi(b.url())};
            for (int i = 0; i < 200; i++) {
                apis[i % 2].insertTask(groupId, "t" + i, "countingJob");
            }

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM jm_task_run WHERE state = 'SUCCEEDED'", Long.class)
                            == 200);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_task_run", Long.class))
                    .isEqualTo(200);
            assertThat(calls).hasSize(200);
            assertThat(calls.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
            assertThat(first.runsHere()).isPositive();
            assertThat(second.runsHere()).isPositive();
        }
    }

    @Test
    void aFlushedRedisIsRebuiltAndWorkGoesOn() {
        Map<Long, AtomicInteger> calls = RecordingHandler.sharedCounts();
        String[] redis = TestRedis.server().masterProperties().toArray(String[]::new);
        try (MasterInstance master = MasterInstance.onFreshDatabase(redis).start()) {
            MasterApi api = new MasterApi(master.url());
            long groupId = api.createGroup("flush");
            List<Long> waiting = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                waiting.add(api.insertTask(groupId, "before " + i, "countingJob"));
            }
            try (RedisCli cli = RedisCli.of(TestRedis.server())) {
                cli.flushDb();
            }
            // No node ran yet, so these tasks exist only in the database now.
            try (NodeInstance node = NodeInstance.start(
                    master.url(), "flush", "n1", Map.of("countingJob", new RecordingHandler("n1", calls)))) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> calls.keySet().containsAll(waiting));
            }
        }
    }

    @Test
    void withRedisStoppedTheMasterDispatchesFromTheDatabaseAndSaysItIsDegraded() throws Exception {
        int port = Ports.free();
        Process redis = startRedis(port);
        Map<Long, AtomicInteger> calls = RecordingHandler.sharedCounts();
        try (MasterInstance master = masterOnRedisAt(port);
                NodeInstance node = NodeInstance.start(
                        master.url(), "degraded", "n1", Map.of("countingJob", new RecordingHandler("n1", calls)))) {
            MasterApi api = new MasterApi(master.url());
            await().atMost(Duration.ofSeconds(20)).until(() -> "UP"
                    .equals(api.get("/actuator/health").get("status").asString()));
            long groupId = master.jdbc().queryForObject("SELECT id FROM jm_group WHERE name = 'degraded'", Long.class);

            redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            long during = api.insertTask(groupId, "while redis is down", "countingJob");
            await().atMost(Duration.ofSeconds(30)).until(() -> calls.containsKey(during));
            assertThat(api.get("/actuator/health").get("status").asString()).isEqualTo("DEGRADED");

            redis = startRedis(port);
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP"
                    .equals(api.get("/actuator/health").get("status").asString()));
            long after = api.insertTask(groupId, "after redis is back", "countingJob");
            await().atMost(Duration.ofSeconds(30)).until(() -> calls.containsKey(after));
            try (RedisCli cli = new RedisCli("127.0.0.1", port, 0)) {
                assertThat(cli.template().hasKey("jmjob:pending-built:lanes"))
                        .as("index rebuilt")
                        .isTrue();
            }
        } finally {
            redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A master started while Redis refuses connections starts anyway, dispatches from the database
     * and says DEGRADED; once Redis answers it rebuilds the index, subscribes to the other masters'
     * events and turns UP by itself.
     */
    @Test
    void aMasterStartedWhileRedisIsDownRunsDegradedAndTakesRedisUpWhenItComesBack() throws Exception {
        int port = Ports.free();
        Process redis = null;
        Map<Long, AtomicInteger> calls = RecordingHandler.sharedCounts();
        try (MasterInstance master = masterOnRedisAt(port);
                NodeInstance node = NodeInstance.start(
                        master.url(), "late-redis", "n1", Map.of("countingJob", new RecordingHandler("n1", calls)))) {
            MasterApi api = new MasterApi(master.url());
            assertThat(api.get("/actuator/health").get("status").asString()).isEqualTo("DEGRADED");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> master.jdbc().queryForObject("SELECT COUNT(*) FROM jm_node", Long.class) == 1);
            long groupId =
                    master.jdbc().queryForObject("SELECT id FROM jm_group WHERE name = 'late-redis'", Long.class);
            long before = api.insertTask(groupId, "before redis", "countingJob");
            await().atMost(Duration.ofSeconds(30)).until(() -> calls.containsKey(before));

            redis = startRedis(port);
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP"
                    .equals(api.get("/actuator/health").get("status").asString()));
            try (RedisCli cli = new RedisCli("127.0.0.1", port, 0)) {
                await().atMost(Duration.ofSeconds(30))
                        .alias("subscribed to the masters' events")
                        .until(() -> subscribers(cli, "jmjob:pending-work") >= 1);
            }
            long after = api.insertTask(groupId, "after redis", "countingJob");
            await().atMost(Duration.ofSeconds(30)).until(() -> calls.containsKey(after));
        } finally {
            if (redis != null) {
                redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * How many clients receive a message on {@code channel}: a PUBLISH answers that. Group 0 does
     * not exist, so the wake-up it sends wakes nobody.
     */
    private static long subscribers(RedisCli cli, String channel) {
        Long receivers = cli.template().convertAndSend(channel, "0");
        return receivers == null ? 0 : receivers;
    }

    /** A master on a fresh database whose index is the Redis at {@code port}, checked often. */
    private static MasterInstance masterOnRedisAt(int port) {
        return MasterInstance.onFreshDatabase(
                        "jm.job.master.index=redis",
                        "spring.data.redis.host=127.0.0.1",
                        "spring.data.redis.port=" + port,
                        "jm.job.master.index-check-interval=200ms")
                .start();
    }

    private static Process startRedis(int port) throws IOException {
        Path log = Files.createTempFile("jm-job-redis-" + port, ".log");
        Process process = new ProcessBuilder(
                        TestRedis.serverBinary().toString(),
                        "--port",
                        String.valueOf(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabases.reachable("127.0.0.1", port));
        return process;
    }
}
