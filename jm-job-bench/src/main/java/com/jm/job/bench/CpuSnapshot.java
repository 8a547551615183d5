package com.jm.job.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time of a contender's JVMs at one moment: per JVM, and per kind of thread inside each. The
 * difference of two snapshots says where a window's CPU went, and in particular how much of it the
 * JIT compilers took: a JVM whose compilers are still busy is not measured at its steady state.
 */
final class CpuSnapshot {

    /** Thread kinds of HotSpot's JIT compilers ({@code C1 CompilerThre}, {@code C2 CompilerThre}, masked). */
    private static final String COMPILER = "CN CompilerThre";

    private final Map<String, Long> byJvm = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> byThread = new LinkedHashMap<>();

    private CpuSnapshot(List<ChildJvm> jvms) {
        for (ChildJvm jvm : jvms) {
            byJvm.put(jvm.name(), jvm.cpuMillis());
            byThread.put(jvm.name(), jvm.cpuMillisByThread());
        }
    }

    static CpuSnapshot of(Contender contender) {
        return new CpuSnapshot(contender.jvms());
    }

    /** CPU milliseconds each JVM used since {@code earlier}. */
    Map<String, Long> millisSince(CpuSnapshot earlier) {
        Map<String, Long> delta = new LinkedHashMap<>();
        byJvm.forEach((jvm, ms) -> delta.put(jvm, ms - earlier.byJvm.getOrDefault(jvm, 0L)));
        return delta;
    }

    /** The JIT compilers' share of all the JVMs' CPU since {@code earlier}, 0 to 1. */
    double compilerShareSince(CpuSnapshot earlier) {
        long total = millisSince(earlier).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        long compiler = 0;
        for (String jvm : byThread.keySet()) {
            compiler += threadMillisSince(earlier, jvm).getOrDefault(COMPILER, 0L);
        }
        return total <= 0 ? 0 : (double) compiler / total;
    }

    /** The busiest kinds of thread of each JVM since {@code earlier}, in CPU ms per 1,000 executions. */
    String busiestSince(CpuSnapshot earlier, double thousands) {
        return byThread.keySet().stream()
                .map(jvm -> jvm + ": "
                        + threadMillisSince(earlier, jvm).entrySet().stream()
                                .filter(e -> e.getValue() > 0)
                                .sorted(Map.Entry.<String, Long>comparingByValue()
                                        .reversed())
                                .limit(6)
                                .map(e -> e.getKey() + " " + Math.round(e.getValue() / thousands))
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    private Map<String, Long> threadMillisSince(CpuSnapshot earlier, String jvm) {
        Map<String, Long> before = earlier.byThread.getOrDefault(jvm, Map.of());
        Map<String, Long> delta = new LinkedHashMap<>();
        byThread.get(jvm).forEach((kind, ms) -> delta.put(kind, ms - before.getOrDefault(kind, 0L)));
        return delta;
    }
}
