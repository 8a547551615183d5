package com.jm.job.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The kinds of fault and how one of each is drawn. Infrastructure faults run a step of
 * scripts/chaos.sh ({@code ctl ACTION}), which knows how the script started each service.
 */
final class Faults {

    static final String NODE_KILL = "node SIGKILL + restart";
    static final String NODE_PAUSE = "node SIGSTOP past lease + SIGCONT";
    static final String MASTER_KILL = "master SIGKILL + restart";
    static final String REDIS_STOP = "Redis stop/start";
    static final String REDIS_FLUSH = "Redis FLUSHALL";
    static final String REPLICA_STOP = "replica stop/start";
    static final String PRIMARY_RESTART = "primary restart";
    static final String PARTITION = "node cut off past lease (netns)";

    static final List<String> KINDS = List.of(
            NODE_KILL, NODE_PAUSE, MASTER_KILL, REDIS_STOP, REDIS_FLUSH, REPLICA_STOP, PRIMARY_RESTART, PARTITION);

    private final Cluster cluster;
    private final ChaosOptions options;

    Faults(Cluster cluster, ChaosOptions options) {
        this.cluster = cluster;
        this.options = options;
    }

    List<String> runnableKinds() {
        List<String> kinds = new ArrayList<>(KINDS);
        if (!options.partitionPossible()) {
            kinds.remove(PARTITION);
        }
        return kinds;
    }

    Fault draw(String kind, Random random) {
        long lease = ChaosOptions.LEASE.toMillis();
        return switch (kind) {
            case NODE_KILL -> {
                int n = random.nextInt(Cluster.NODES);
                yield fault(
                        kind,
                        Cluster.nodeName(n),
                        millis(random, 1_000, 6_000),
                        () -> cluster.killNode(n),
                        () -> cluster.startNode(n));
            }
            case NODE_PAUSE -> {
                int n = random.nextInt(Cluster.NODES);
                long[] pid = new long[1];
                yield fault(
                        kind,
                        Cluster.nodeName(n),
                        millis(random, lease + 2_000, lease + 8_000),
                        () -> {
                            pid[0] = cluster.nodePid(n);
                            cluster.signal(pid[0], "STOP");
                        },
                        () -> cluster.signal(pid[0], "CONT"));
            }
            case MASTER_KILL -> {
                int m = random.nextInt(2);
                yield fault(
                        kind,
                        "master-" + (m + 1),
                        millis(random, 1_000, 5_000),
                        () -> cluster.killMaster(m),
                        () -> cluster.startMaster(m));
            }
            case REDIS_STOP ->
                fault(kind, "redis", millis(random, 3_000, 12_000), ctl("redis-stop"), ctl("redis-start"));
            case REDIS_FLUSH -> fault(kind, "redis", Duration.ZERO, ctl("redis-flush"), () -> {});
            case REPLICA_STOP ->
                fault(kind, "replica", millis(random, 5_000, 15_000), ctl("replica-stop"), ctl("replica-start"));
            case PRIMARY_RESTART ->
                fault(kind, "primary", millis(random, 0, 8_000), ctl("primary-stop"), ctl("primary-start"));
            case PARTITION ->
                fault(
                        kind,
                        Cluster.nodeName(Cluster.NODES - 1),
                        millis(random, lease + 3_000, lease + 10_000),
                        ctl("cut"),
                        ctl("heal"));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private Runnable ctl(String action) {
        return () -> {
            int rc = Shell.run(List.of("bash", options.ctl(), "ctl", action));
            if (rc != 0) {
                throw new IllegalStateException("ctl " + action + " exited with " + rc);
            }
        };
    }

    private static Duration millis(Random random, long min, long max) {
        return Duration.ofMillis(min + (long) (random.nextDouble() * (max - min)));
    }

    private static Fault fault(String kind, String target, Duration hold, Runnable inject, Runnable heal) {
        return new Fault() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public String target() {
                return target;
            }

            @Override
            public Duration hold() {
                return hold;
            }

            @Override
            public void inject() {
                inject.run();
            }

            @Override
            public void heal() {
                heal.run();
            }
        };
    }
}
