package com.jm.job.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The sharding issue's figure ({@code --only=shards}): {@code tasks} executions as sharded fires
 * against the same number of one-shot tasks, in the same run, on one master and its nodes (the
 * default jm-job contender). Sharded: {@code --shard-tasks} tasks (default 2) of {@code tasks /
 * shard-tasks} shards each, created through {@code POST /api/tasks}; each one's claim starts its
 * fire and writes its unit rows, which the nodes claim, run and report like tasks, and the last
 * unit's finish ends the fire. One-shot: the rows of {@code tasks} tasks, as the throughput
 * scenario writes them. Warm-up rounds alternate the two kinds; each repetition measures both, the
 * order alternating.
 */
final class ShardScenario {

    static final String BEGIN = "<!-- bench-shards:begin -->";
    static final String END = "<!-- bench-shards:end -->";
    static final String ONE_SHOT = "one-shot";
    static final String SHARDED = "sharded";

    private final BenchOptions options;
    private final Database database;
    private final Path logDir;
    private JmJobContender jmJob;

    ShardScenario(BenchOptions options, Database database, Path logDir) {
        this.options = options;
        this.database = database;
        this.logDir = logDir;
    }

    /** Shards per sharded task. */
    int shardsPerTask() {
        return options.tasks() / options.shardTasks();
    }

    /** Executions of a sharded window: every shard, plus the wake-up task when the rows bypass the API. */
    int shardedExecutions() {
        return options.shardTasks() * shardsPerTask() + (shardsPerTask() > JmJobContender.MAX_SHARDS ? 1 : 0);
    }

    Comparison run() throws Exception {
        Comparison comparison = new Comparison(List.of(ONE_SHOT, SHARDED));
        jmJob = new JmJobContender(options, database, logDir);
        try {
            jmJob.start();
            warmUp();
            for (int n = 1; n <= options.repetitions(); n++) {
                for (String variant : comparison.order(n)) {
                    String load = Machine.loadAverage();
                    comparison.add(new Comparison.Window(variant, n, window(variant, "r" + n), load));
                }
            }
            return comparison;
        } finally {
            jmJob.close();
            if (!options.keepDatabases()) {
                database.drop(JmJobContender.DATABASE);
            }
        }
    }

    /**
     * Pairs of warm-up rounds (one-shot, then sharded, each {@code warmup} executions) until a pair
     * in which the JIT compilers took less than the quiet share, at most {@code warmup-max-rounds}.
     */
    private void warmUp() throws Exception {
        for (int round = 1; round <= options.warmupMaxRounds() && options.warmup() > 0; round++) {
            CpuSnapshot before = CpuSnapshot.of(jmJob);
            for (String variant : List.of(ONE_SHOT, SHARDED)) {
                Results.Throughput t = window(variant, "w" + round, options.warmup());
                System.out.printf(
                        "[bench]   warm-up round %d, %s: %.0f executions/s%s%n",
                        round, variant, t.perSecond(), t.verified() == null ? "" : " — " + t.verified());
            }
            double share = CpuSnapshot.of(jmJob).compilerShareSince(before);
            System.out.printf("[bench]   warm-up round %d: JIT compilers %.0f%% of jm-job's CPU%n", round, 100 * share);
            if (share < options.warmupJitQuiet()) {
                break;
            }
        }
    }

    private Results.Throughput window(String variant, String round) throws Exception {
        return window(variant, round, options.tasks());
    }

    private Results.Throughput window(String variant, String round, int executions) throws Exception {
        JmJobContender.Mark mark = jmJob.mark();
        if (variant.equals(ONE_SHOT)) {
            String prefix = "o" + round + "-";
            return Scenarios.window(
                    jmJob,
                    jmJob.benchConnection(),
                    executions,
                    () -> jmJob.submitDue(executions, prefix),
                    () -> !jmJob.anyUnfinished(),
                    () -> jmJob.verifyRound(prefix, executions, 1, mark, executions));
        }
        String prefix = "s" + round + "-";
        int shards = Math.max(1, executions / options.shardTasks());
        int total = options.shardTasks() * shards + (shards > JmJobContender.MAX_SHARDS ? 1 : 0);
        return Scenarios.window(
                jmJob,
                jmJob.benchConnection(),
                total,
                () -> jmJob.submitSharded(options.shardTasks(), shards, prefix),
                () -> !jmJob.anyUnfinished(),
                () -> jmJob.verifyRound(prefix, options.shardTasks(), shards, mark, total));
    }
}
