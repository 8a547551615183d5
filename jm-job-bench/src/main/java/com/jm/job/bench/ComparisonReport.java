package com.jm.job.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** Renders a {@link Comparison}: throughput per repetition and ratio, then the cost per execution. */
final class ComparisonReport {

    private final Comparison comparison;
    private final StringBuilder out = new StringBuilder();

    ComparisonReport(Comparison comparison) {
        this.comparison = comparison;
    }

    /** The two tables, headed at Markdown level {@code heading} ({@code ####}). */
    String render(String heading, String what) {
        List<String> variants = comparison.variants();
        String reference = variants.get(0);
        line(heading + " Throughput (" + what + "; executions per second, seconds in brackets)");
        line("");
        List<String> columns = new ArrayList<>(variants);
        variants.subList(1, variants.size()).forEach(v -> columns.add(v + " ÷ " + reference));
        header("| repetition | order |", "|---|---|", columns, " load (1 min) at each window |", "---|");
        for (int n = 1; n <= comparison.repetitions(); n++) {
            int rep = n;
            StringBuilder row = new StringBuilder("| " + n + " | " + String.join(", ", comparison.order(n)) + " |");
            for (String v : variants) {
                Results.Throughput t = comparison.of(v, n);
                row.append(' ')
                        .append(t == null ? "—" : num(t.perSecond()) + " (" + fmt2(t.seconds()) + ")")
                        .append(" |");
            }
            for (String v : variants.subList(1, variants.size())) {
                Results.Throughput t = comparison.of(v, n);
                Results.Throughput r = comparison.of(reference, n);
                row.append(' ')
                        .append(t == null || r == null ? "—" : fmt2(t.perSecond() / r.perSecond()))
                        .append(" |");
            }
            row.append(' ')
                    .append(String.join(
                            ", ",
                            comparison.windows().stream()
                                    .filter(w -> w.repetition() == rep)
                                    .map(w -> w.load().split(" ")[0])
                                    .toList()))
                    .append(" |");
            line(row.toString());
        }
        StringBuilder summary = new StringBuilder("| min / median / max | |");
        for (String v : variants) {
            summary.append(' ')
                    .append(mmm(values(v, Results.Throughput::perSecond), ComparisonReport::num))
                    .append(" |");
        }
        for (String v : variants.subList(1, variants.size())) {
            summary.append(' ')
                    .append(mmm(comparison.ratios(v), ComparisonReport::fmt2))
                    .append(" |");
        }
        summary.append(" |");
        line(summary.toString());
        line("");
        List<String> failures = comparison.failures();
        line(
                failures.isEmpty()
                        ? "Every window's work ran exactly once and is recorded (checked from the database and the nodes'"
                                + " handler counts after each window)."
                        : "**Verification failed:** " + String.join("; ", failures));
        line("");
        line(heading + " Cost per execution (" + what + "; median of the repetitions)");
        line("");
        header("| counter |", "|---|", variants, "", "");
        row("CPU ms per 1,000 executions: jm-job processes", "%.0f", Results.Throughput::schedulerCpuMs);
        for (String process : processes()) {
            row("… of which " + process, "%.0f", t -> t.cpuByProcess().entrySet().stream()
                    .filter(e -> e.getKey().endsWith(process))
                    .mapToDouble(e -> e.getValue())
                    .sum());
        }
        row("CPU ms per 1,000 executions: database server", "%.0f", Results.Throughput::databaseCpuMs);
        row("JIT compilers' share of the jm-job processes' CPU", "%.2f", Results.Throughput::compilerShare);
        for (String name : ServerCounters.NAMES) {
            row("`" + name + "`", "%.3f", t -> t.cost().get(name));
        }
        line("");
        return out.toString();
    }

    /** A table's head: the leading cells, one right-aligned column per name, the trailing cells. */
    private void header(String lead, String leadRule, List<String> columns, String tail, String tailRule) {
        StringBuilder head = new StringBuilder(lead);
        StringBuilder rule = new StringBuilder(leadRule);
        for (String column : columns) {
            head.append(' ').append(column).append(" |");
            rule.append("---:|");
        }
        line(head + tail);
        line(rule + tailRule);
    }

    /** Process roles (master, node-1, …) without the variant's prefix. */
    private List<String> processes() {
        List<String> roles = new ArrayList<>();
        for (Comparison.Window w : comparison.windows()) {
            for (String process : w.throughput().cpuByProcess().keySet()) {
                String role = process.replaceFirst("^.*-(master|node-\\d+)$", "$1");
                if (!roles.contains(role)) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    private void row(String label, String format, Function<Results.Throughput, Double> value) {
        StringBuilder row = new StringBuilder("| " + label + " |");
        for (String v : comparison.variants()) {
            List<Double> values = values(v, value);
            row.append(' ')
                    .append(values.isEmpty() ? "—" : String.format(Locale.ROOT, format, Stats.median(values)))
                    .append(" |");
        }
        line(row.toString());
    }

    private List<Double> values(String variant, Function<Results.Throughput, Double> value) {
        List<Double> values = new ArrayList<>();
        for (int n = 1; n <= comparison.repetitions(); n++) {
            Results.Throughput t = comparison.of(variant, n);
            if (t != null) {
                values.add(value.apply(t));
            }
        }
        return values.stream().filter(Objects::nonNull).toList();
    }

    private static String mmm(List<Double> values, Function<Double, String> f) {
        if (values.isEmpty()) {
            return "—";
        }
        return f.apply(Stats.min(values)) + " / " + f.apply(Stats.median(values)) + " / " + f.apply(Stats.max(values));
    }

    private static String num(Double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String fmt2(Double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
