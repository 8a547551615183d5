package com.jm.job.master.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * Where tests find Redis: {@code JMJOB_TEST_REDIS_HOST/PORT}, else a local one on 127.0.0.1:6379,
 * else a Redis 7 container where Docker runs; otherwise they fail loudly. Each test JVM uses its own
 * logical database (1–15), emptied when first handed out, so its keys meet no other run's.
 */
public final class TestRedis {

    private static Server server;

    private TestRedis() {}

    /** A Redis server and the logical database this JVM owns on it. */
    public record Server(String host, int port, int database) {

        /** Properties pointing a master at it with the Redis index. */
        public List<String> masterProperties() {
            return List.of(
                    "jm.job.master.index=redis",
                    "spring.data.redis.host=" + host,
                    "spring.data.redis.port=" + port,
                    "spring.data.redis.database=" + database);
        }
    }

    public static synchronized Server server() {
        if (server == null) {
            server = locate();
            RedisCli.flushDb(server);
        }
        return server;
    }

    private static Server locate() {
        String host = TestDatabases.env("JMJOB_TEST_REDIS_HOST", "127.0.0.1");
        int port = Integer.parseInt(TestDatabases.env("JMJOB_TEST_REDIS_PORT", "6379"));
        int database = ThreadLocalRandom.current().nextInt(1, 16);
        if (TestDatabases.reachable(host, port)) {
            return new Server(host, port, database);
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            GenericContainer<?> redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
            redis.start();
            return new Server(redis.getHost(), redis.getMappedPort(6379), database);
        }
        throw new IllegalStateException("No Redis for the tests: none reachable at " + host + ":" + port
                + " and no Docker for Testcontainers. Run scripts/test.sh (it starts or installs one), or set"
                + " JMJOB_TEST_REDIS_HOST/PORT.");
    }

    /** The redis-server binary, for tests that need a Redis of their own to stop and start. */
    public static Path serverBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path debian = Path.of("/usr/bin/redis-server");
        if (Files.isExecutable(debian)) {
            return debian;
        }
        throw new IllegalStateException("redis-server not found on PATH; scripts/test.sh installs it");
    }
}
