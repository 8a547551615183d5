package com.jm.job.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** Renders the figures as Markdown tables: printed at the end of a run and kept in the report. */
final class Report {

    static final double TARGET_VS_DB_SCHEDULER = 2.0;
    static final double TARGET_VS_LIMIT = 0.5;
    static final double TARGET_P99_MS = 50.0;

    private final BenchOptions options;
    private final Machine machine;
    private final String date;
    private final String loadBefore;
    private final String loadAfter;
    private final List<Repetition> repetitions;
    private final StringBuilder out = new StringBuilder();

    Report(
            BenchOptions options,
            Machine machine,
            String date,
            String loadBefore,
            String loadAfter,
            List<Repetition> repetitions) {
        this.options = options;
        this.machine = machine;
        this.date = date;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
        this.repetitions = repetitions;
    }

    String render() {
        line("Run of " + date + ": " + options.tasks() + " executions per throughput run (after warm-up rounds of "
                + options.warmup() + " executions until the JIT compilers took less than "
                + Math.round(100 * options.warmupJitQuiet()) + "% of a round's CPU, at most "
                + options.warmupMaxRounds() + " rounds), " + options.repetitions() + " repetitions, "
                + options.latencySamples() + " latency probes per contender and repetition.");
        line("");
        line("Machine: " + machine.cores() + " cores (" + machine.cpu() + "), " + machine.memory() + " memory, "
                + machine.database() + ", " + machine.jdk() + ", " + machine.os() + ". Load average (1/5/15 min) "
                + loadBefore + " at the start, " + loadAfter + " at the end.");
        line("");
        line("Settings: jm-job " + options.nodes() + " nodes × " + options.nodeThreads() + " worker threads + "
                + options.nodePrefetch() + " prefetch"
                + extra(options.masterArgs(), "master") + extra(options.nodeArgs(), "nodes") + "; db-scheduler "
                + options.dbSchedulerThreads() + " threads, lock-and-fetch, polling every "
                + options.dbSchedulerPolling().toMillis() + " ms; plain JDBC " + options.jdbcThreads()
                + " claimer threads"
                + (options.jdbcParams().isEmpty() ? "" : "; JDBC URL parameters `" + options.jdbcParams() + "`")
                + ".");
        line("");
        throughput();
        latency();
        cost();
        idle();
        targets();
        return out.toString();
    }

    private void throughput() {
        line("### Throughput (executions per second)");
        line("");
        line("| repetition | jm-job | db-scheduler | plain JDBC limit | jm-job ÷ db-scheduler | jm-job ÷ limit |");
        line("|---|---:|---:|---:|---:|---:|");
        for (Repetition r : repetitions) {
            line("| " + r.number() + " | " + num(jm(r)) + " | " + num(dbs(r)) + " | " + num(limit(r)) + " | "
                    + ratio(vsDbScheduler(r)) + " | " + ratio(vsLimit(r)) + " |");
        }
        summary(List.of(this::jm, this::dbs, this::limit), List.of(this::vsDbScheduler, this::vsLimit), Report::num);
        line("");
        List<String> failures = new ArrayList<>();
        for (Repetition r : repetitions) {
            check(failures, r, r.jmJob() == null ? null : r.jmJob().throughput(), "jm-job");
            check(failures, r, r.dbScheduler() == null ? null : r.dbScheduler().throughput(), "db-scheduler");
            check(failures, r, r.jdbcLimit(), "plain JDBC");
        }
        line(
                failures.isEmpty()
                        ? "Every execution ran exactly once and is recorded (jm-job: one SUCCEEDED `jm_task_run` row per"
                                + " task; db-scheduler: handler count, table empty; JDBC: one history row per task)."
                        : "Verification failed: " + String.join("; ", failures));
        line("");
        warmUp();
    }

    /** How long each JVM contender was warmed, and whether its JIT compilers were still busy when measured. */
    private void warmUp() {
        line("Warm-up executions before the measured run, and the JIT compilers' share of the contender's CPU"
                + " during it:");
        line("");
        line("| repetition | jm-job warm-up | jm-job JIT share | db-scheduler warm-up | db-scheduler JIT share |");
        line("|---|---:|---:|---:|---:|");
        for (Repetition r : repetitions) {
            line("| " + r.number() + " | " + warmUp(r.jmJob()) + " | " + warmUp(r.dbScheduler()) + " |");
        }
        line("");
    }

    private static String warmUp(Results.Run run) {
        if (run == null) {
            return "— | —";
        }
        return String.format(
                Locale.ROOT,
                "%,d | %.0f%%",
                run.warmup(),
                100 * run.throughput().compilerShare());
    }

    private void latency() {
        line("### Dispatch latency (ms, from the trigger call's return to the handler's start, across processes)");
        line("");
        line("| repetition | jm-job p50 | p95 | p99 | max | db-scheduler p50 | p95 | p99 | max |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Repetition r : repetitions) {
            Results.Latency j = r.jmJob() == null ? null : r.jmJob().latency();
            Results.Latency d = r.dbScheduler() == null ? null : r.dbScheduler().latency();
            line("| " + r.number() + " | " + lat(j) + " | " + lat(d) + " |");
        }
        List<Function<Repetition, Double>> columns = new ArrayList<>();
        for (Function<Repetition, Results.Run> run :
                List.<Function<Repetition, Results.Run>>of(Repetition::jmJob, Repetition::dbScheduler)) {
            columns.add(r -> latencyOf(run.apply(r), Results.Latency::p50));
            columns.add(r -> latencyOf(run.apply(r), Results.Latency::p95));
            columns.add(r -> latencyOf(run.apply(r), Results.Latency::p99));
            columns.add(r -> latencyOf(run.apply(r), Results.Latency::max));
        }
        summary(columns, List.of(), Report::fmt);
        int lost = repetitions.stream()
                .mapToInt(r -> (r.jmJob() == null ? 0 : r.jmJob().latency().lost())
                        + (r.dbScheduler() == null
                                ? 0
                                : r.dbScheduler().latency().lost()))
                .sum();
        if (lost > 0) {
            line("");
            line(lost + " probes did not start within 5 s and are not in the percentiles.");
        }
        line("");
    }

    private void cost() {
        line("### Database cost per execution (throughput runs; median of the repetitions)");
        line("");
        line("| counter | jm-job | db-scheduler | plain JDBC limit |");
        line("|---|---:|---:|---:|");
        line("| CPU ms per 1,000 executions: scheduler processes | " + cpu(Repetition::jmJob, true) + " | "
                + cpu(Repetition::dbScheduler, true) + " | " + limitCpu(true) + " |");
        line("| CPU ms per 1,000 executions: database server | " + cpu(Repetition::jmJob, false) + " | "
                + cpu(Repetition::dbScheduler, false) + " | " + limitCpu(false) + " |");
        for (String name : ServerCounters.NAMES) {
            line("| `" + name + "` | "
                    + perRun(r -> r.jmJob() == null ? null : r.jmJob().throughput(), name)
                    + " | "
                    + perRun(
                            r -> r.dbScheduler() == null
                                    ? null
                                    : r.dbScheduler().throughput(),
                            name)
                    + " | " + perRun(Repetition::jdbcLimit, name) + " |");
        }
        line("");
    }

    private void idle() {
        line("### Cost of waiting (statements per second with nothing due; median of the repetitions)");
        line("");
        line("| counter | jm-job | db-scheduler |");
        line("|---|---:|---:|");
        for (String name : List.of("Questions", "Com_select", "Com_update", "Com_commit")) {
            line("| `" + name + "` | " + idleOf(Repetition::jmJob, name) + " | " + idleOf(Repetition::dbScheduler, name)
                    + " |");
        }
        line("");
    }

    private void targets() {
        line("### Targets");
        line("");
        line("| target | figure (median; worst repetition) | met |");
        line("|---|---|---|");
        List<Double> vsDbs = values(this::vsDbScheduler);
        List<Double> vsLimit = values(this::vsLimit);
        List<Double> p99 = values(r -> latencyOf(r.jmJob(), Results.Latency::p99));
        target(
                "throughput ≥ " + TARGET_VS_DB_SCHEDULER + "× db-scheduler's (same run)",
                vsDbs,
                true,
                TARGET_VS_DB_SCHEDULER,
                "×");
        target(
                "throughput ≥ " + TARGET_VS_LIMIT + "× the plain JDBC limit (same run)",
                vsLimit,
                true,
                TARGET_VS_LIMIT,
                "×");
        target("dispatch latency p99 < " + TARGET_P99_MS + " ms", p99, false, TARGET_P99_MS, " ms");
        line("");
    }

    private void target(String name, List<Double> values, boolean atLeast, double bound, String unit) {
        if (values.isEmpty()) {
            line("| " + name + " | not measured | — |");
            return;
        }
        double median = Stats.median(values);
        double worst = atLeast ? Stats.min(values) : Stats.max(values);
        boolean met = atLeast ? median >= bound : median < bound;
        boolean always = atLeast ? worst >= bound : worst < bound;
        line("| " + name + " | " + fmt(median) + unit + "; " + fmt(worst) + unit + " | "
                + (met ? (always ? "yes" : "yes (median; not in every repetition)") : "**no**") + " |");
    }

    private void summary(
            List<Function<Repetition, Double>> columns,
            List<Function<Repetition, Double>> ratios,
            Function<Double, String> format) {
        StringBuilder row = new StringBuilder("| min / median / max |");
        for (Function<Repetition, Double> column : columns) {
            row.append(' ').append(mmm(values(column), format)).append(" |");
        }
        for (Function<Repetition, Double> column : ratios) {
            row.append(' ').append(mmm(values(column), Report::ratio)).append(" |");
        }
        line(row.toString());
    }

    private List<Double> values(Function<Repetition, Double> column) {
        return repetitions.stream()
                .map(column)
                .filter(Objects::nonNull)
                .filter(v -> !v.isNaN())
                .toList();
    }

    private String perRun(Function<Repetition, Results.Throughput> of, String name) {
        List<Double> values = values(r -> {
            Results.Throughput t = of.apply(r);
            return t == null ? null : t.cost().get(name);
        });
        return values.isEmpty() ? "—" : String.format(Locale.ROOT, "%.3f", Stats.median(values));
    }

    private String cpu(Function<Repetition, Results.Run> of, boolean scheduler) {
        return median(r -> {
            Results.Run run = of.apply(r);
            return run == null ? null : cpuOf(run.throughput(), scheduler);
        });
    }

    private String limitCpu(boolean scheduler) {
        return median(r -> r.jdbcLimit() == null ? null : cpuOf(r.jdbcLimit(), scheduler));
    }

    private static double cpuOf(Results.Throughput t, boolean scheduler) {
        return scheduler ? t.schedulerCpuMs() : t.databaseCpuMs();
    }

    private String median(Function<Repetition, Double> column) {
        List<Double> values = values(column);
        return values.isEmpty() ? "—" : String.format(Locale.ROOT, "%.0f", Stats.median(values));
    }

    private String idleOf(Function<Repetition, Results.Run> of, String name) {
        List<Double> values = values(r -> {
            Results.Run run = of.apply(r);
            return run == null ? null : run.idle().perSecond().get(name);
        });
        return values.isEmpty() ? "—" : String.format(Locale.ROOT, "%.1f", Stats.median(values));
    }

    private static void check(List<String> failures, Repetition r, Results.Throughput t, String who) {
        if (t != null && t.verified() != null) {
            failures.add(who + " repetition " + r.number() + ": " + t.verified());
        }
    }

    private Double jm(Repetition r) {
        return r.jmJob() == null ? null : r.jmJob().throughput().perSecond();
    }

    private Double dbs(Repetition r) {
        return r.dbScheduler() == null ? null : r.dbScheduler().throughput().perSecond();
    }

    private Double limit(Repetition r) {
        return r.jdbcLimit() == null ? null : r.jdbcLimit().perSecond();
    }

    private Double vsDbScheduler(Repetition r) {
        return jm(r) == null || dbs(r) == null ? null : jm(r) / dbs(r);
    }

    private Double vsLimit(Repetition r) {
        return jm(r) == null || limit(r) == null ? null : jm(r) / limit(r);
    }

    private static Double latencyOf(Results.Run run, Function<Results.Latency, Double> percentile) {
        return run == null ? null : percentile.apply(run.latency());
    }

    private static String lat(Results.Latency l) {
        return l == null
                ? "— | — | — | —"
                : fmt(l.p50()) + " | " + fmt(l.p95()) + " | " + fmt(l.p99()) + " | " + fmt(l.max());
    }

    private static String mmm(List<Double> values, Function<Double, String> f) {
        if (values.isEmpty()) {
            return "—";
        }
        return f.apply(Stats.min(values)) + " / " + f.apply(Stats.median(values)) + " / " + f.apply(Stats.max(values));
    }

    private static String extra(List<String> args, String who) {
        return args.isEmpty() ? "" : " (" + who + ": `" + String.join(" ", args) + "`)";
    }

    private static String num(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ratio(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String fmt(Double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.1f", value);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
