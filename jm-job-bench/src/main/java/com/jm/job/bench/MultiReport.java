package com.jm.job.bench;

import java.util.List;
import java.util.Locale;

/** The generated part of the two-master section of {@code docs/benchmarks.md}. */
final class MultiReport {

    static final String BEGIN = "<!-- bench-multi:begin -->";
    static final String END = "<!-- bench-multi:end -->";

    private static final List<String> COLUMNS = List.of("Com_select", "Questions", "Com_update", "Com_commit");
    /** "Close to zero": under 1% of what the plain polling loop costs in the same run. */
    private static final double IDLE_SHARE = 0.01;

    private static final double P50_TARGET_MS = 10;
    private static final double P99_TARGET_MS = 50;

    private MultiReport() {}

    static String render(MultiMaster.Outcome o, String date, BenchOptions options) {
        StringBuilder md = new StringBuilder();
        long seconds = options.multiIdleWindow().toSeconds();
        md.append(String.format(
                Locale.ROOT,
                "Run of %s (`--only=multi`): two masters, Redis %s, %d idle nodes in one JVM, %d-s windows,"
                        + " %d latency samples. Load average before: %s; after: %s.%n%n",
                date,
                o.redis(),
                o.idleNodes(),
                seconds,
                o.latency().samples() + o.latency().lost(),
                o.loadBefore(),
                o.loadAfter()));
        md.append(String.format(
                Locale.ROOT,
                "#### Idle cost (statements per minute, nothing due; server-wide counters, median of the %d-s"
                        + " slices of each window; whole-window Com_select in the last column)%n%n",
                MultiMaster.SLICE_SECONDS));
        md.append(
                "| window | Com_select | Questions | Com_update | Com_commit | CPU ms/min | Com_select, whole window |\n");
        md.append("|---|---:|---:|---:|---:|---|---:|\n");
        row(md, o.mastersOnly().label() + " (baseline)", o.mastersOnly(), true, null);
        row(md, o.jmJobIdle().label(), o.jmJobIdle(), true, null);
        row(md, "**jm-job polling** (above minus baseline)", o.jmJobIdle(), false, o.mastersOnly());
        row(md, o.naiveLoop().label(), o.naiveLoop(), true, null);
        row(md, "**plain polling** (above minus baseline)", o.naiveLoop(), false, o.mastersOnly());
        md.append('\n');
        Results.Latency l = o.latency();
        md.append("#### Dispatch latency, two masters, two nodes (ms, API call's return → handler start)\n\n");
        md.append("| p50 | p95 | p99 | max | samples | lost |\n|---:|---:|---:|---:|---:|---:|\n");
        md.append(String.format(
                Locale.ROOT,
                "| %.1f | %.1f | %.1f | %.1f | %d | %d |%n%n",
                l.p50(),
                l.p95(),
                l.p99(),
                l.max(),
                l.samples(),
                l.lost()));
        double jm = net(o.jmJobIdle(), o.mastersOnly(), "Com_select");
        double naive = net(o.naiveLoop(), o.mastersOnly(), "Com_select");
        md.append("#### Targets (Redis issue)\n\n| target | figure | met |\n|---|---|---|\n");
        md.append(String.format(
                Locale.ROOT,
                "| idle polling SELECTs per minute close to zero (< 1%% of the plain loop's) | %d/min vs %d/min"
                        + " (%.1f%%) | %s |%n",
                Math.round(jm),
                Math.round(naive),
                naive > 0 ? Math.max(0, 100 * jm / naive) : Double.NaN,
                met(jm < IDLE_SHARE * naive)));
        md.append(String.format(
                Locale.ROOT, "| dispatch p50 < 10 ms | %.1f ms | %s |%n", l.p50(), met(l.p50() < P50_TARGET_MS)));
        md.append(String.format(
                Locale.ROOT,
                "| dispatch p99 < 50 ms | %.1f ms | %s |%n",
                l.p99(),
                met(l.p99() < P99_TARGET_MS && l.lost() == 0)));
        md.append('\n');
        return md.toString();
    }

    private static void row(
            StringBuilder md, String label, MultiMaster.Window window, boolean showCpu, MultiMaster.Window minus) {
        md.append("| ").append(label);
        for (String name : COLUMNS) {
            double value = window.medianPerMinute().getOrDefault(name, 0.0)
                    - (minus == null ? 0 : minus.medianPerMinute().getOrDefault(name, 0.0));
            md.append(" | ").append(Math.round(value));
        }
        md.append(" | ");
        if (showCpu) {
            StringBuilder cpu = new StringBuilder();
            window.cpuPerMinute().forEach((name, ms) -> cpu.append(cpu.isEmpty() ? "" : ", ")
                    .append(name)
                    .append(' ')
                    .append(Math.round(ms)));
            md.append(cpu);
        }
        double whole = window.perMinute().getOrDefault("Com_select", 0.0)
                - (minus == null ? 0 : minus.perMinute().getOrDefault("Com_select", 0.0));
        md.append(" | ").append(Math.round(whole)).append(" |\n");
    }

    private static double net(MultiMaster.Window window, MultiMaster.Window baseline, String name) {
        return window.medianPerMinute().getOrDefault(name, 0.0)
                - baseline.medianPerMinute().getOrDefault(name, 0.0);
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }
}
