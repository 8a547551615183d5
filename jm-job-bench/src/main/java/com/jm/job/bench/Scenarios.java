package com.jm.job.bench;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The three measurements, run the same way for every contender: throughput with the database cost
 * of each execution, the cost of idling, and dispatch latency.
 */
final class Scenarios {

    /** How often the benchmark looks whether all executions finished (about 1% of a 5 s run). */
    private static final long OBSERVE_EVERY_MS = 20;
    /** Latency probes are spaced by a random gap, so they do not fall in step with a polling period. */
    private static final int PROBE_GAP_MIN_MS = 30;

    private static final int PROBE_GAP_SPREAD_MS = 100;

    private final BenchOptions options;
    private final Random random = new Random(42);

    Scenarios(BenchOptions options) {
        this.options = options;
    }

    Results.Run run(Contender contender) throws Exception {
        try {
            // Inside the try: a contender that fails to start (a node refusing its settings) must
            // still stop the JVMs it did start, or they hold their ports for the next run.
            contender.start();
            Connection connection = contender.benchConnection();
            long warmup = warmUp(contender);
            Results.Throughput throughput = throughput(contender, connection, warmup);
            Results.Idle idle = idle(connection);
            Results.Latency latency = latency(contender);
            return new Results.Run(contender.name(), warmup, throughput, latency, idle);
        } finally {
            contender.close();
        }
    }

    private Results.Throughput throughput(Contender contender, Connection connection, long before) throws Exception {
        return window(
                contender,
                connection,
                options.tasks(),
                () -> contender.submitDue(options.tasks(), "t-"),
                () -> !contender.anyUnfinished(),
                () -> contender.verify(before + options.tasks()));
    }

    /** Makes work due; returns once it is committed. */
    interface Submit {
        void run() throws Exception;
    }

    /** Checks a window's executions; what is missing, or {@code null}. */
    interface Verify {
        String check() throws Exception;
    }

    /**
     * One measured window: from the start of {@code submit} to the first look (every 20 ms) at which
     * {@code done} holds, with the server's counters and the contender's CPU over it, per
     * execution; then {@code verify}, outside the window.
     */
    static Results.Throughput window(
            Contender contender,
            Connection connection,
            int executions,
            Submit submit,
            Waits.Condition done,
            Verify verify)
            throws Exception {
        ServerCounters start = ServerCounters.read(connection);
        CpuSnapshot cpu0 = CpuSnapshot.of(contender);
        long db0 = CpuTime.databaseMillis();
        long t0 = System.nanoTime();
        submit.run();
        awaitDone(contender.name(), done, Duration.ofMinutes(5));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double thousands = executions / 1000.0;
        CpuSnapshot cpu1 = CpuSnapshot.of(contender);
        Map<String, Double> cpuByProcess = new LinkedHashMap<>();
        cpu1.millisSince(cpu0).forEach((name, ms) -> cpuByProcess.put(name, ms / thousands));
        System.out.printf("[bench]   CPU ms per 1,000 by thread: %s%n", cpu1.busiestSince(cpu0, thousands));
        double cpu =
                cpuByProcess.values().stream().mapToDouble(Double::doubleValue).sum();
        double db = (CpuTime.databaseMillis() - db0) / thousands;
        ServerCounters end = ServerCounters.read(connection);
        Map<String, Double> cost = start.systemDeltaPer(end, executions);
        String verified = verify.check();
        return new Results.Throughput(
                executions / seconds, seconds, cost, verified, cpu, db, cpuByProcess, cpu1.compilerShareSince(cpu0));
    }

    /**
     * Runs rounds of {@code warmup} executions until the JIT compilers are quiet: a JVM measured while
     * its compilers still work is measured before its steady state, and per-request code (called a
     * few thousand times where per-execution code is called hundreds of thousands of times) is
     * compiled last. Every contender is warmed by the same rule.
     *
     * @return the executions submitted
     */
    private long warmUp(Contender contender) throws Exception {
        long submitted = 0;
        for (int round = 1; round <= options.warmupMaxRounds() && options.warmup() > 0; round++) {
            CpuSnapshot before = CpuSnapshot.of(contender);
            submitted += drain(contender, options.warmup(), "w" + round + "-");
            double share = CpuSnapshot.of(contender).compilerShareSince(before);
            System.out.printf(
                    "[bench]   %s warm-up round %d (%,d executions): JIT compilers %.0f%% of its CPU%n",
                    contender.name(), round, options.warmup(), 100 * share);
            if (share < options.warmupJitQuiet()) {
                break;
            }
        }
        return submitted;
    }

    private Results.Idle idle(Connection connection) throws Exception {
        Thread.sleep(1_000);
        ServerCounters start = ServerCounters.read(connection);
        long t0 = System.nanoTime();
        Thread.sleep(options.idleWindow().toMillis());
        ServerCounters end = ServerCounters.read(connection);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Results.Idle(start.systemDeltaPer(end, seconds));
    }

    /** One trigger at a time on an idle system: each waits for the previous handler to start. */
    private Results.Latency latency(Contender contender) throws Exception {
        List<Double> millis = new ArrayList<>();
        int lost = 0;
        for (int i = 0; i < options.latencySamples(); i++) {
            String id = ExecutionCounter.PROBE_PREFIX + i;
            contender.trigger(id);
            long returned = Micros.now();
            long started = contender.events().awaitStart(id, 5_000);
            if (started < 0) {
                lost++;
            } else {
                millis.add((started - returned) / 1000.0);
            }
            Thread.sleep(PROBE_GAP_MIN_MS + random.nextInt(PROBE_GAP_SPREAD_MS));
        }
        return Results.Latency.of(millis, lost);
    }

    private long drain(Contender contender, int count, String prefix) throws Exception {
        if (count > 0) {
            contender.submitDue(count, prefix);
            awaitDone(contender.name(), () -> !contender.anyUnfinished(), Duration.ofMinutes(5));
        }
        return count;
    }

    /** Looks every 20 ms whether {@code done} holds (an EXISTS, or a few), at most {@code timeout}. */
    static void awaitDone(String who, Waits.Condition done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(who + " did not finish within " + timeout);
            }
            Thread.sleep(OBSERVE_EVERY_MS);
        }
    }
}
