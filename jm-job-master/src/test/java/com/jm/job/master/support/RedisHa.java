package com.jm.job.master.support;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The private Redis Cluster (three primaries) and Sentinel set-up (a primary, a replica, one
 * sentinel) the Cluster and Sentinel tests run on. scripts/test.sh starts them (scripts/lib/
 * services.sh, {@code start_redis_ha}) and passes where they are as {@code JMJOB_TEST_REDIS_*};
 * when a test finds them missing or unhealthy (run from an IDE), it starts them itself with
 * scripts/redis-ha.sh. If they cannot be started the test fails: it is never skipped.
 */
public final class RedisHa {

    private RedisHa() {}

    /** The cluster's nodes as {@code host:port}. */
    public static List<String> clusterNodes() {
        return Arrays.asList(
                TestDatabases.env("JMJOB_TEST_REDIS_CLUSTER_NODES", "127.0.0.1:7101,127.0.0.1:7102,127.0.0.1:7103")
                        .split(","));
    }

    /** The sentinel's {@code host:port}. */
    public static String sentinelNode() {
        return TestDatabases.env("JMJOB_TEST_REDIS_SENTINEL_NODES", "127.0.0.1:26481");
    }

    /** The name the sentinel knows the primary by. */
    public static String sentinelMaster() {
        return TestDatabases.env("JMJOB_TEST_REDIS_SENTINEL_MASTER", "mymaster");
    }

    /** Properties pointing a master at the cluster with the Redis index, as an operator would. */
    public static List<String> clusterMasterProperties() {
        return List.of(
                "jm.job.master.index=redis", "spring.data.redis.cluster.nodes=" + String.join(",", clusterNodes()));
    }

    /** Properties pointing a master at the primary through the sentinel, as an operator would. */
    public static List<String> sentinelMasterProperties() {
        return List.of(
                "jm.job.master.index=redis",
                "spring.data.redis.sentinel.master=" + sentinelMaster(),
                "spring.data.redis.sentinel.nodes=" + sentinelNode());
    }

    /** Makes sure the cluster is ok and the sentinel's primary has its replica, starting both if not. */
    public static synchronized void ensureRunning() {
        if (healthyWithin(Duration.ofSeconds(30))) {
            return;
        }
        ProjectScripts.run("redis-ha.sh", "start");
        if (!healthyWithin(Duration.ofSeconds(30))) {
            throw new IllegalStateException(
                    "scripts/redis-ha.sh started Redis Cluster / Sentinel, but they are not healthy");
        }
    }

    /**
     * A template on the cluster (commands follow the slots; server commands such as a flush go to
     * every primary). Close it when done.
     */
    public static ClusterCli cluster() {
        return new ClusterCli();
    }

    /** The sentinel's own commands: where the primary is, a failover. Close it when done. */
    public static SentinelCli sentinel() {
        return new SentinelCli();
    }

    private static boolean healthyWithin(Duration wait) {
        for (String node : clusterNodes()) {
            if (!reachable(node)) {
                return false;
            }
        }
        if (!reachable(sentinelNode())) {
            return false;
        }
        try {
            await().atMost(wait)
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(RedisHa::healthy);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static boolean healthy() {
        for (String node : clusterNodes()) {
            try (Direct direct = new Direct(node)) {
                if (!direct.sync().clusterInfo().contains("cluster_state:ok")) {
                    return false;
                }
            }
        }
        try (SentinelCli sentinel = sentinel()) {
            return sentinel.primaryHasOnlineReplica();
        }
    }

    private static boolean reachable(String hostPort) {
        InetSocketAddress address = address(hostPort);
        return TestDatabases.reachable(address.getHostString(), address.getPort());
    }

    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return InetSocketAddress.createUnresolved(
                hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** The cluster through Spring Data Redis, as the master sees it. */
    public static final class ClusterCli implements AutoCloseable {

        private final LettuceConnectionFactory factory;
        private final StringRedisTemplate template;

        private ClusterCli() {
            factory = new LettuceConnectionFactory(new RedisClusterConfiguration(clusterNodes()));
            factory.afterPropertiesSet();
            factory.start();
            template = new StringRedisTemplate(factory);
        }

        public StringRedisTemplate template() {
            return template;
        }

        /** Empties every primary. */
        public void flushAll() {
            template.execute(
                    connection -> {
                        connection.serverCommands().flushAll();
                        return null;
                    },
                    true);
        }

        /** The primary serving {@code key}'s slot, as {@code host:port}. */
        public String primaryOf(String key) {
            try (RedisClusterConnection connection = factory.getClusterConnection()) {
                var node = connection.clusterGetNodeForKey(key.getBytes(StandardCharsets.UTF_8));
                return node.getHost() + ":" + node.getPort();
            }
        }

        @Override
        public void close() {
            factory.destroy();
        }
    }

    /** The sentinel, and direct connections to the servers it names. */
    public static final class SentinelCli implements AutoCloseable {

        private final RedisClient client;
        private final StatefulRedisSentinelConnection<String, String> connection;

        private SentinelCli() {
            InetSocketAddress sentinel = address(sentinelNode());
            client = RedisClient.create();
            connection = client.connectSentinel(RedisURI.create(sentinel.getHostString(), sentinel.getPort()));
        }

        /** Where the sentinel says the primary is now, as {@code host:port}. */
        public String primary() {
            InetSocketAddress address = (InetSocketAddress) connection.sync().getMasterAddrByName(sentinelMaster());
            return address.getHostString() + ":" + address.getPort();
        }

        /** Asks the sentinel to fail over now: a replica becomes the primary. */
        public void failover() {
            connection.sync().failover(sentinelMaster());
        }

        /**
         * Kills the primary's process without warning (SIGKILL, as a crash), waits until it is
         * gone; the sentinel then promotes the replica.
         */
        public void killPrimary() {
            long pid;
            try (Direct primary = new Direct(primary())) {
                pid = Long.parseLong(primary.sync().info("server").replaceAll("(?s).*process_id:(\\d+).*", "$1"));
            }
            ProcessHandle process = ProcessHandle.of(pid)
                    .orElseThrow(() -> new IllegalStateException("no process " + pid + " for the primary"));
            process.destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
        }

        /** The primary sees a replica in sync, and the sentinel sees that replica up: a failover can happen. */
        public boolean primaryHasOnlineReplica() {
            List<Map<String, String>> replicas = connection.sync().replicas(sentinelMaster());
            boolean replicaUp = replicas.stream().anyMatch(r -> {
                String flags = r.getOrDefault("flags", "");
                return flags.equals("slave") && "ok".equals(r.get("master-link-status"));
            });
            try (Direct primary = new Direct(primary())) {
                return replicaUp && primary.sync().info("replication").matches("(?s).*slave0:[^\\n]*state=online.*");
            }
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }

    /** A plain connection to one server (not following the cluster's slots), for its own state. */
    public static final class Direct implements AutoCloseable {

        private final RedisClient client;
        private final StatefulRedisConnection<String, String> connection;

        public Direct(String hostPort) {
            InetSocketAddress address = address(hostPort);
            client = RedisClient.create();
            connection = client.connect(RedisURI.create(address.getHostString(), address.getPort()));
        }

        public RedisCommands<String, String> sync() {
            return connection.sync();
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }
}
