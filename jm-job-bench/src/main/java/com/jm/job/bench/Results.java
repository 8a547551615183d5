package com.jm.job.bench;

import java.util.Map;

/** What one repetition of the scenarios measured for one contender. */
final class Results {

    private Results() {}

    /**
     * @param perSecond executions per second, from making them due to the last one recorded finished
     * @param seconds that span
     * @param cost database counters per execution over that span
     * @param verified {@code null} when every execution ran once and is recorded, else what is missing
     * @param schedulerCpuMs CPU milliseconds per 1,000 executions in the scheduler's own processes
     * @param databaseCpuMs CPU milliseconds per 1,000 executions in the database server
     * @param cpuByProcess CPU milliseconds per 1,000 executions in each of the scheduler's processes
     * @param compilerShare the JIT compilers' share of the scheduler's CPU over that span (0 to 1)
     */
    record Throughput(
            double perSecond,
            double seconds,
            Map<String, Double> cost,
            String verified,
            double schedulerCpuMs,
            double databaseCpuMs,
            Map<String, Double> cpuByProcess,
            double compilerShare) {}

    /** Latency percentiles in milliseconds, from the trigger call's return to the handler's start. */
    record Latency(double p50, double p95, double p99, double max, int samples, int lost) {

        /** The percentiles of {@code millis}, the samples that arrived, and {@code lost} that never did. */
        static Latency of(java.util.List<Double> millis, int lost) {
            return new Latency(
                    Stats.percentile(millis, 50),
                    Stats.percentile(millis, 95),
                    Stats.percentile(millis, 99),
                    Stats.percentile(millis, 100),
                    millis.size(),
                    lost);
        }
    }

    /** Statements per second the contender sends while nothing is due. */
    record Idle(Map<String, Double> perSecond) {}

    /**
     * One repetition of one contender.
     *
     * @param warmup executions run to warm it up before it was measured
     */
    record Run(String contender, long warmup, Throughput throughput, Latency latency, Idle idle) {}
}
