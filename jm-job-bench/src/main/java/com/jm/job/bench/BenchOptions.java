package com.jm.job.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark invocation runs. Every option has a default that reproduces the documented
 * figures; {@code --name=value} arguments override them.
 *
 * @param tasks executions per throughput run (the 20,000)
 * @param warmup executions per warm-up round, run first in each process and not measured, so the JIT has
 *     compiled the hot path
 * @param warmupMaxRounds most warm-up rounds of {@code warmup} executions
 * @param warmupJitQuiet warm-up ends after a round in which the JIT compilers took less than this share
 *     of the contender's CPU (0 to 1)
 * @param repetitions how many times each scenario runs
 * @param latencySamples triggers per latency run
 * @param idleWindow how long database cost is measured while nothing is due
 * @param db where MariaDB/MySQL listens: host:port
 * @param dbUser database user
 * @param dbPassword database password
 * @param masterJar the repackaged jm-job master
 * @param masterPort the HTTP port the master listens on
 * @param nodes jm-job nodes (separate JVMs)
 * @param nodeThreads worker threads per node
 * @param nodePrefetch claimed tasks a node may hold beyond its threads ({@code jm.job.client.prefetch})
 * @param dbSchedulerThreads db-scheduler executor threads
 * @param dbSchedulerPolling db-scheduler polling interval
 * @param jdbcThreads claimer threads of the plain JDBC limit
 * @param report where the Markdown report goes
 * @param workDir logs and flight recordings
 * @param jfr record the jm-job JVMs with Java Flight Recorder
 * @param jfrSettings the recording settings: {@code profile}, {@code default} or a {@code .jfc} file
 * @param only run only these contenders (comma-separated: jm-job, db-scheduler, jdbc), or all when empty; {@code multi} runs
 *     the two-master scenario instead, {@code shards}, {@code broadcast}, {@code observability} and
 *     {@code many-nodes} and {@code console} the scenarios of those names (none of them part of the default run)
 * @param masterArgs extra master arguments (space-separated), for example {@code --jm.job.master.lease=30s}
 * @param nodeArgs extra node arguments (space-separated), for example {@code --jm.job.client.report.batch-size=200}
 * @param jdbcParams extra JDBC URL parameters for every contender, for example {@code useLocalSessionState=true}
 * @param keepDatabases leave the last repetition's databases for inspection instead of dropping them
 * @param idleNodes idle nodes of the two-master scenario ({@code --only=multi})
 * @param manyNodes simulated nodes one master holds in the many-nodes scenario ({@code --only=many-nodes})
 * @param multiIdleWindow how long each idle window of the two-master scenario lasts
 * @param redis where Redis listens for the two-master scenario: host:port
 * @param redisDatabase the Redis database the two-master scenario flushes and uses
 * @param shardTasks sharded tasks the sharded scenario splits its {@code tasks} executions over
 *     ({@code --only=shards}; above 10,000 shards per task the rows bypass the API's cap)
 * @param broadcastNodes nodes of the broadcast scenario ({@code --only=broadcast})
 * @param broadcastFires measured fires per repetition of the broadcast scenario
 * @param broadcastWarmup unmeasured fires before them
 * @param consoleTasks task rows under the console's task list ({@code --only=console})
 */
record BenchOptions(
        int tasks,
        int warmup,
        int warmupMaxRounds,
        double warmupJitQuiet,
        int repetitions,
        int latencySamples,
        Duration idleWindow,
        String db,
        String dbUser,
        String dbPassword,
        Path masterJar,
        int masterPort,
        int nodes,
        int nodeThreads,
        int nodePrefetch,
        int dbSchedulerThreads,
        Duration dbSchedulerPolling,
        int jdbcThreads,
        Path report,
        Path workDir,
        boolean jfr,
        String jfrSettings,
        String only,
        List<String> masterArgs,
        List<String> nodeArgs,
        String jdbcParams,
        boolean keepDatabases,
        int idleNodes,
        int manyNodes,
        Duration multiIdleWindow,
        String redis,
        int redisDatabase,
        int shardTasks,
        int broadcastNodes,
        int broadcastFires,
        int broadcastWarmup,
        int consoleTasks) {

    static BenchOptions parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            int eq = arg.indexOf('=');
            given.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        Options o = new Options(given);
        BenchOptions options = new BenchOptions(
                o.integer("tasks", 20_000),
                o.integer("warmup", 50_000),
                o.integer("warmup-max-rounds", 20),
                o.integer("warmup-jit-quiet-percent", 5) / 100.0,
                o.integer("repetitions", 3),
                o.integer("latency-samples", 200),
                Duration.ofSeconds(o.integer("idle-seconds", 10)),
                o.text("db", "127.0.0.1:3306"),
                o.text("db-user", "root"),
                o.text("db-password", ""),
                Path.of(o.text("master-jar", "")),
                o.integer("master-port", 18080),
                o.integer("nodes", 2),
                o.integer("node-threads", 32),
                // 32 threads + 96: a node holds up to 4 × its threads and refills once it is down to
                // its threads, as db-scheduler's pollUsingLockAndFetch(1.0, 4.0) does.
                o.integer("node-prefetch", 96),
                o.integer("db-scheduler-threads", 32),
                Duration.ofMillis(o.integer("db-scheduler-polling-ms", 50)),
                o.integer("jdbc-threads", 4),
                Path.of(o.text("report", "docs/benchmarks.md")),
                Path.of(o.text("work-dir", "jm-job-bench/target/bench")),
                Boolean.parseBoolean(o.text("jfr", "false")),
                o.text("jfr-settings", "profile"),
                o.text("only", ""),
                words(o.text("master-args", "")),
                words(o.text("node-args", "")),
                o.text("jdbc-params", ""),
                Boolean.parseBoolean(o.text("keep-databases", "false")),
                o.integer("idle-nodes", 20),
                o.integer("many-nodes", 2_000),
                Duration.ofSeconds(o.integer("multi-idle-seconds", 60)),
                o.text("redis", "127.0.0.1:6379"),
                o.integer("redis-database", 14),
                o.integer("shard-tasks", 2),
                o.integer("broadcast-nodes", 20),
                o.integer("broadcast-fires", 200),
                o.integer("broadcast-warmup", 50),
                o.integer("console-tasks", 100_000));
        o.rejectUnknown();
        return options;
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    boolean runs(String contender) {
        return only.isEmpty() || List.of(only.split(",")).contains(contender);
    }

    String jdbcUrl(String database) {
        return "jdbc:mysql://" + db + "/" + database + "?sslMode=DISABLED&allowPublicKeyRetrieval=true"
                + (jdbcParams.isEmpty() ? "" : "&" + jdbcParams);
    }

    private static final class Options {
        private final Map<String, String> given;
        private final Map<String, String> unread;

        Options(Map<String, String> given) {
            this.given = given;
            this.unread = new HashMap<>(given);
        }

        int integer(String name, int fallback) {
            return Integer.parseInt(text(name, String.valueOf(fallback)));
        }

        String text(String name, String fallback) {
            unread.remove(name);
            return given.getOrDefault(name, fallback);
        }

        void rejectUnknown() {
            if (!unread.isEmpty()) {
                throw new IllegalArgumentException("unknown options: " + unread.keySet());
            }
        }
    }
}
