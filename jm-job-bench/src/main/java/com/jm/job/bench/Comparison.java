package com.jm.job.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Throughput windows of a few variants of jm-job measured in turn, in the same run: each repetition
 * measures every variant once, in an order that rotates from one repetition to the next, so the
 * machine's momentary load falls on all of them alike. The first variant is the reference the
 * others are divided by.
 */
final class Comparison {

    /**
     * One measured window.
     *
     * @param load the 1/5/15-minute load averages as the window started
     */
    record Window(String variant, int repetition, Results.Throughput throughput, String load) {}

    private final List<String> variants;
    private final List<Window> windows = new ArrayList<>();

    Comparison(List<String> variants) {
        this.variants = List.copyOf(variants);
    }

    List<String> variants() {
        return variants;
    }

    /** The variants in the order repetition {@code n} (from 1) measures them. */
    List<String> order(int n) {
        List<String> order = new ArrayList<>();
        for (int k = 0; k < variants.size(); k++) {
            order.add(variants.get((k + n - 1) % variants.size()));
        }
        return order;
    }

    void add(Window window) {
        windows.add(window);
        Results.Throughput t = window.throughput();
        System.out.printf(
                "[bench] repetition %d, %s: %.0f executions/s (%.2f s), load %s%s%n",
                window.repetition(),
                window.variant(),
                t.perSecond(),
                t.seconds(),
                window.load(),
                t.verified() == null ? "" : " — " + t.verified());
    }

    List<Window> windows() {
        return List.copyOf(windows);
    }

    int repetitions() {
        return windows.stream().mapToInt(Window::repetition).max().orElse(0);
    }

    /** The window of {@code variant} in repetition {@code n}, or {@code null}. */
    Results.Throughput of(String variant, int n) {
        return windows.stream()
                .filter(w -> w.variant().equals(variant) && w.repetition() == n)
                .map(Window::throughput)
                .findFirst()
                .orElse(null);
    }

    /** {@code variant}'s executions per second divided by the reference's, per repetition. */
    List<Double> ratios(String variant) {
        List<Double> ratios = new ArrayList<>();
        for (int n = 1; n <= repetitions(); n++) {
            Results.Throughput t = of(variant, n);
            Results.Throughput reference = of(variants.get(0), n);
            if (t != null && reference != null) {
                ratios.add(t.perSecond() / reference.perSecond());
            }
        }
        return ratios;
    }

    /** The failed verifications, as lines. */
    List<String> failures() {
        return windows.stream()
                .filter(w -> w.throughput().verified() != null)
                .map(w -> w.variant() + " repetition " + w.repetition() + ": "
                        + w.throughput().verified())
                .filter(Objects::nonNull)
                .toList();
    }
}
