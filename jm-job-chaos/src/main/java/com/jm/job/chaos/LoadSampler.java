package com.jm.job.chaos;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How loaded the machine was while the run ran: the one-minute load average, read every few
 * seconds, the run's own processes included. A run's timings (late claims, late reports, recovery
 * times) depend on it, and other work may share the machine, so the table says it beside the date.
 */
final class LoadSampler implements AutoCloseable {

    private static final long EVERY_SECONDS = 5;

    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jm-job-chaos-load");
        t.setDaemon(true);
        return t;
    });
    private double first = -1;
    private double sum;
    private double max;
    private int samples;

    LoadSampler() {
        timer.scheduleAtFixedRate(this::sample, 0, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        double load = os.getSystemLoadAverage();
        if (load < 0) {
            return;
        }
        if (first < 0) {
            first = load;
        }
        sum += load;
        max = Math.max(max, load);
        samples++;
    }

    /** For example "1-min load average on 2 cores: 9.1 at start (before …), mean 14.3, max 21.0". */
    synchronized String summary() {
        if (samples == 0) {
            return "not known (no load average on this system)";
        }
        return String.format(
                Locale.ROOT,
                "1-min load average on %d cores: %.1f at start (before its masters and nodes), mean %.1f, max %.1f",
                os.getAvailableProcessors(),
                first,
                sum / samples,
                max);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
