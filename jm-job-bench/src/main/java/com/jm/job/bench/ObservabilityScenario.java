package com.jm.job.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The observability issue's figure ({@code --only=observability}): the throughput scenario's
 * one-shot tasks on three configurations of jm-job running side by side (each its own master, two
 * nodes and database), measured in turn in every repetition, the order rotating:
 *
 * <ul>
 *   <li>{@code off}: the master's meters switched off ({@code management.metrics.enable.all=false},
 *       Micrometer's deny-all filter: every meter, jm-job's and Spring Boot's, is a no-op), nodes
 *       without a meter registry, handlers that write no run log and the SLF4J capture off;
 *   <li>{@code metrics}: the master as shipped (Prometheus registry), nodes with a registry (the
 *       starter's node metrics on), no run log lines;
 *   <li>{@code on}: metrics as above, and every run writes one line to its run log through {@code
 *       JobContext.log}, with the SLF4J capture on (the default).
 * </ul>
 *
 * A window with metrics ends with a scrape of {@code /actuator/prometheus}; a window with run logs
 * ends when every run's line is stored, not only when the runs are, so the log's cost stays in its
 * own window.
 */
final class ObservabilityScenario {

    static final String BEGIN = "<!-- bench-observability:begin -->";
    static final String END = "<!-- bench-observability:end -->";
    static final String OFF = "off";
    static final String METRICS = "metrics";
    static final String ON = "on";

    private final BenchOptions options;
    private final Database database;
    private final Path logDir;
    private final List<JmJobContender> contenders = new ArrayList<>();
    private final List<String> checks = new ArrayList<>();

    ObservabilityScenario(BenchOptions options, Database database, Path logDir) {
        this.options = options;
        this.database = database;
        this.logDir = logDir;
    }

    /** What the windows' metrics and run-log checks found, one line per variant. */
    List<String> checks() {
        return List.copyOf(checks);
    }

    Comparison run() throws Exception {
        Comparison comparison = new Comparison(List.of(OFF, METRICS, ON));
        try {
            contenders.add(contender(
                    OFF,
                    0,
                    List.of("--management.metrics.enable.all=false"),
                    List.of("--jm.job.client.run-log.capture-slf4j=false")));
            contenders.add(contender(
                    METRICS,
                    1,
                    List.of(),
                    List.of("--bench.node-metrics=true", "--jm.job.client.run-log.capture-slf4j=false")));
            contenders.add(
                    contender(ON, 2, List.of(), List.of("--bench.node-metrics=true", "--bench.run-log-line=true")));
            for (JmJobContender c : contenders) {
                c.start();
            }
            warmUp();
            for (int n = 1; n <= options.repetitions(); n++) {
                for (String variant : comparison.order(n)) {
                    String load = Machine.loadAverage();
                    comparison.add(
                            new Comparison.Window(variant, n, window(of(variant), "r" + n, options.tasks()), load));
                }
            }
            for (JmJobContender c : contenders) {
                double metric = c.runsFinishedMetric();
                checks.add(c.name() + ": `jmjob_runs_finished_total` "
                        + (metric < 0 ? "not exported (meters off)" : String.format("%,.0f", metric)) + " after "
                        + String.format("%,d", c.mark().executed()) + " handler calls");
            }
            return comparison;
        } finally {
            for (JmJobContender c : contenders) {
                c.close();
                if (!options.keepDatabases()) {
                    database.drop(c.database());
                }
            }
        }
    }

    private JmJobContender contender(String name, int offset, List<String> masterArgs, List<String> nodeArgs) {
        return new JmJobContender(
                new JmJobContender.Setup(
                        name,
                        "jmjob_obs_" + name,
                        options.masterPort() + offset,
                        masterArgs,
                        nodeArgs,
                        options.nodes()),
                options,
                database,
                logDir);
    }

    private JmJobContender of(String variant) {
        return contenders.stream()
                .filter(c -> c.name().equals(variant))
                .findFirst()
                .orElseThrow();
    }

    /** Rounds of every variant in turn until a round in which each one's compilers were quiet. */
    private void warmUp() throws Exception {
        for (int round = 1; round <= options.warmupMaxRounds() && options.warmup() > 0; round++) {
            boolean quiet = true;
            for (JmJobContender c : contenders) {
                CpuSnapshot before = CpuSnapshot.of(c);
                Results.Throughput t = window(c, "w" + round, options.warmup());
                double share = CpuSnapshot.of(c).compilerShareSince(before);
                quiet &= share < options.warmupJitQuiet();
                System.out.printf(
                        "[bench]   warm-up round %d, %s: %.0f executions/s, JIT compilers %.0f%% of its CPU%s%n",
                        round, c.name(), t.perSecond(), 100 * share, t.verified() == null ? "" : " — " + t.verified());
            }
            if (quiet) {
                break;
            }
        }
    }

    private Results.Throughput window(JmJobContender c, String round, int executions) throws Exception {
        JmJobContender.Mark mark = c.mark();
        String prefix = "o" + round + "-";
        boolean metrics = !c.name().equals(OFF);
        boolean logs = c.name().equals(ON);
        return Scenarios.window(
                c,
                c.benchConnection(),
                executions,
                () -> c.submitDue(executions, prefix),
                () -> !c.anyUnfinished() && (!logs || c.runsWithLogSince(mark) >= executions) && scraped(c, metrics),
                () -> {
                    String problem = c.verifyRound(prefix, executions, 1, mark, executions);
                    long lines = c.runLogLinesSince(mark);
                    long runs = c.runsWithLogSince(mark);
                    if (lines != (logs ? executions : 0) || runs != (logs ? executions : 0)) {
                        // One line per run: more lines than runs means a batch was stored twice.
                        problem = (problem == null ? "" : problem + "; ") + lines + " run log lines in the logs of "
                                + runs + " runs";
                    }
                    return problem;
                });
    }

    /** A window with metrics on ends with one scrape, as Prometheus would make now and then. */
    private static boolean scraped(JmJobContender c, boolean metrics) throws Exception {
        if (metrics && c.runsFinishedMetric() < 0) {
            throw new IllegalStateException(c.name() + " exports no jmjob_runs_finished_total");
        }
        return true;
    }
}
