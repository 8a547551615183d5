package com.jm.job.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The scenarios outside the default run that compare variants of jm-job with itself: {@code
 * --only=shards}, {@code --only=broadcast}, {@code --only=observability}. Each runs, and its
 * section of the report (between its own markers) is rendered here.
 */
final class ScenarioReports {

    private ScenarioReports() {}

    static boolean runs(String only) {
        return List.of("shards", "broadcast", "observability").contains(only);
    }

    static String begin(String only) {
        return switch (only) {
            case "shards" -> ShardScenario.BEGIN;
            case "broadcast" -> BroadcastScenario.BEGIN;
            default -> ObservabilityScenario.BEGIN;
        };
    }

    static String end(String only) {
        return switch (only) {
            case "shards" -> ShardScenario.END;
            case "broadcast" -> BroadcastScenario.END;
            default -> ObservabilityScenario.END;
        };
    }

    static String run(BenchOptions options, Database database, Path logDir, String date, Machine machine)
            throws Exception {
        String loadBefore = Machine.loadAverage();
        StringBuilder out = new StringBuilder();
        String body;
        String what;
        switch (options.only()) {
            case "shards" -> {
                ShardScenario scenario = new ShardScenario(options, database, logDir.resolve("shards"));
                Comparison comparison = scenario.run();
                what = String.format(
                        Locale.ROOT,
                        "%,d one-shot tasks against %d task(s) of %,d shards",
                        options.tasks(),
                        options.shardTasks(),
                        scenario.shardsPerTask());
                body = new ComparisonReport(comparison).render("####", "one-shot against sharded");
            }
            case "broadcast" -> {
                List<BroadcastScenario.Repetition> repetitions =
                        new BroadcastScenario(options, database, logDir.resolve("broadcast")).run();
                what = options.broadcastFires() + " fires per repetition after " + options.broadcastWarmup()
                        + " unmeasured ones, to " + options.broadcastNodes() + " nodes";
                body = broadcast(repetitions);
            }
            default -> {
                ObservabilityScenario scenario =
                        new ObservabilityScenario(options, database, logDir.resolve("observability"));
                Comparison comparison = scenario.run();
                what = String.format(
                        Locale.ROOT, "%,d one-shot executions per window, variants off, metrics, on", options.tasks());
                body = new ComparisonReport(comparison).render("####", "metrics and run logs off against on")
                        + "Metrics and run logs as the windows left them: " + String.join("; ", scenario.checks())
                        + ".\n\n";
            }
        }
        out.append("Run of ")
                .append(date)
                .append(" (`--only=")
                .append(options.only())
                .append("`): ")
                .append(what)
                .append("; ")
                .append(options.repetitions())
                .append(" repetitions")
                .append(
                        options.only().equals("broadcast")
                                ? ""
                                : "; warm-up rounds of " + options.warmup() + " executions, at most "
                                        + options.warmupMaxRounds() + " (until the JIT compilers took less than "
                                        + Math.round(100 * options.warmupJitQuiet()) + "% of a round's CPU)")
                .append(".\n\n");
        out.append("Machine: ")
                .append(machine.cores())
                .append(" cores, ")
                .append(machine.database())
                .append(", ")
                .append(machine.jdk())
                .append(". Load average (1/5/15 min) ")
                .append(loadBefore)
                .append(" at the start, ")
                .append(Machine.loadAverage())
                .append(" at the end.\n\n");
        out.append(body);
        return out.toString();
    }

    private static String broadcast(List<BroadcastScenario.Repetition> repetitions) {
        StringBuilder out = new StringBuilder();
        out.append("#### Broadcast fan-out (ms, from the trigger call's return to the handler starts)\n\n");
        out.append("| repetition | fires | last start p50 | p95 | p99 | max | first start p50 | trigger call p50 |"
                + " lost | load (1/5/15 min) |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (BroadcastScenario.Repetition r : repetitions) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %s |%n",
                    r.number(),
                    r.last().samples(),
                    r.last().p50(),
                    r.last().p95(),
                    r.last().p99(),
                    r.last().max(),
                    r.first().p50(),
                    r.call().p50(),
                    r.last().lost(),
                    r.load()));
        }
        List<String> failures = repetitions.stream()
                .filter(r -> r.verified() != null)
                .map(r -> "repetition " + r.number() + ": " + r.verified())
                .toList();
        out.append('\n')
                .append(
                        failures.isEmpty()
                                ? "Every fire had one SUCCEEDED run on each node and a SUCCEEDED record (checked"
                                        + " from the database after each repetition)."
                                : "**Verification failed:** " + String.join("; ", failures))
                .append("\n\n");
        return out.toString();
    }
}
