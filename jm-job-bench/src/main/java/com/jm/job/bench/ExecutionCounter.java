package com.jm.job.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The executing JVMs' side of {@link HandlerEvents}: counts handler runs and prints the count every
 * 200 ms when it changed, and prints latency probes' start times at once. Printing per run would
 * cost the throughput runs more than the handler itself.
 */
final class ExecutionCounter {

    /** Ids of tasks whose start time the benchmark measures. */
    static final String PROBE_PREFIX = "lat-";

    /**
     * Names of tasks with several runs per fire (broadcast) whose every run's start the benchmark
     * measures: each node prints its own start, named by the node.
     */
    static final String FAN_OUT_PREFIX = "fan-";

    private final String process;
    private final AtomicLong executed = new AtomicLong();

    ExecutionCounter(String process) {
        this.process = process;
        ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-counter");
            thread.setDaemon(true);
            return thread;
        });
        AtomicLong printed = new AtomicLong(-1);
        printer.scheduleWithFixedDelay(
                () -> {
                    long now = executed.get();
                    if (printed.getAndSet(now) != now) {
                        System.out.println(ChildJvm.MARK + "COUNT " + process + " " + now);
                    }
                },
                200,
                200,
                TimeUnit.MILLISECONDS);
    }

    /** Called first thing in the handler. */
    void started(String id) {
        if (id.startsWith(PROBE_PREFIX)) {
            System.out.println(ChildJvm.MARK + "START " + id + " " + Micros.now());
        } else if (id.startsWith(FAN_OUT_PREFIX)) {
            System.out.println(ChildJvm.MARK + "START " + id + " " + Micros.now() + " " + process);
        }
        executed.incrementAndGet();
    }

    String process() {
        return process;
    }
}
