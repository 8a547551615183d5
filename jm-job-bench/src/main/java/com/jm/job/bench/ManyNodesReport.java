package com.jm.job.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The generated part of the many-nodes section of {@code docs/benchmarks.md}. */
final class ManyNodesReport {

    private static final double API_P99_TARGET_MS = 50;
    private static final double CLAIM_P99_TARGET_MS = 20;

    private ManyNodesReport() {}

    static String render(ManyNodes.Outcome o, String date, Machine machine) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                "Run of %s (`--only=many-nodes`): one master (`-Xmx512m`, in-process index), %,d simulated nodes"
                        + " in one JVM (poll wait %d s, heartbeat every %d s, as the client's defaults), on %d cores (%s),"
                        + " %s, %s. Machine load (1-min average) during the run: min %.1f, mean %.1f, max %.1f;"
                        + " before %s, after %s.%n%n",
                date,
                o.nodes(),
                10,
                10,
                machine.cores(),
                machine.cpu(),
                machine.database(),
                machine.jdk(),
                o.loadMin(),
                o.loadMean(),
                o.loadMax(),
                o.loadBefore(),
                o.loadAfter()));
        md.append("| | target | no node | ")
                .append(String.format(Locale.ROOT, "%,d nodes, polls held", o.nodes()))
                .append(" |\n|---|---|---|---|\n");
        row(
                md,
                "operators' API, all reads: p50 / p99 / max (ms)",
                "p99 < 50",
                o.empty().api(),
                o.held().api());
        for (Map.Entry<String, Results.Latency> e : o.held().byEndpoint().entrySet()) {
            row(
                    md,
                    "`" + e.getKey() + "` p50 / p99 / max (ms)",
                    "",
                    o.empty().byEndpoint().get(e.getKey()),
                    e.getValue());
        }
        md.append(String.format(
                Locale.ROOT,
                "| `POST /api/tasks` (the wake-ups) p50 / p99 / max (ms) | | | %s |%n",
                triple(o.insertCalls())));
        md.append(String.format(
                Locale.ROOT,
                "| wake-up to claim p50 / p99 / max (ms), %d samples, %d lost | p99 < 20 | | %s |%n",
                o.wakeToClaim().samples(),
                o.wakeToClaim().lost(),
                triple(o.wakeToClaim())));
        md.append(String.format(
                Locale.ROOT, "| insert call sent to claim p50 / p99 / max (ms) | | | %s |%n", triple(o.sendToClaim())));
        md.append(String.format(
                Locale.ROOT,
                "| held polls (sampled every 5 s: min–max) | | %s | %s |%n",
                range(o.empty().samples(), ManyNodes.Sample::heldPolls, "%.0f"),
                range(o.held().samples(), ManyNodes.Sample::heldPolls, "%.0f")));
        md.append(String.format(
                Locale.ROOT,
                "| master live threads (min–max) | | %s | %s |%n",
                range(o.empty().samples(), ManyNodes.Sample::liveThreads, "%.0f"),
                range(o.held().samples(), ManyNodes.Sample::liveThreads, "%.0f")));
        md.append(String.format(
                Locale.ROOT,
                "| master heap used, MiB (min–max; committed at the end) | | %s (%.0f) | %s (%.0f) |%n",
                range(o.empty().samples(), ManyNodes.Sample::heapUsedMb, "%.0f"),
                last(o.empty().samples()).heapCommittedMb(),
                range(o.held().samples(), ManyNodes.Sample::heapUsedMb, "%.0f"),
                last(o.held().samples()).heapCommittedMb()));
        md.append(String.format(
                Locale.ROOT,
                "| master CPU, ms per minute | | %.0f | %.0f |%n",
                o.empty().masterCpuMsPerMinute(),
                o.held().masterCpuMsPerMinute()));
        md.append(String.format(
                Locale.ROOT, "| simulated nodes' JVM CPU, ms per minute | | | %.0f |%n%n", o.nodesCpuMsPerMinute()));
        String[] light =
                o.lightStats().isBlank() ? new String[0] : o.lightStats().split(" ");
        if (light.length == 4) {
            md.append(String.format(
                    Locale.ROOT,
                    "The simulated nodes sent %s polls in all (%s answered with a run), %s calls failed.%n",
                    light[0],
                    light[1],
                    light[2]));
        }
        boolean api = o.held().api().p99() < API_P99_TARGET_MS;
        boolean claim =
                o.wakeToClaim().p99() < CLAIM_P99_TARGET_MS && o.wakeToClaim().lost() == 0;
        md.append(String.format(
                Locale.ROOT,
                "Targets: API p99 < %.0f ms with the nodes held: %s; wake-up to claim p99 < %.0f ms: %s.%n",
                API_P99_TARGET_MS,
                api ? "met" : "**not met**",
                CLAIM_P99_TARGET_MS,
                claim ? "met" : "**not met**"));
        return md.toString();
    }

    private static void row(
            StringBuilder md, String label, String target, Results.Latency empty, Results.Latency held) {
        md.append("| ")
                .append(label)
                .append(" | ")
                .append(target)
                .append(" | ")
                .append(empty == null ? "" : triple(empty))
                .append(" | ")
                .append(triple(held))
                .append(" |\n");
    }

    private static String triple(Results.Latency l) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", l.p50(), l.p99(), l.max());
    }

    private static String range(
            List<ManyNodes.Sample> samples, java.util.function.ToDoubleFunction<ManyNodes.Sample> f, String format) {
        double min = samples.stream().mapToDouble(f).min().orElse(Double.NaN);
        double max = samples.stream().mapToDouble(f).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, format + "–" + format, min, max);
    }

    private static ManyNodes.Sample last(List<ManyNodes.Sample> samples) {
        return samples.isEmpty()
                ? new ManyNodes.Sample(Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                : samples.get(samples.size() - 1);
    }
}
