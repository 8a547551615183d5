package com.jm.job.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time processes have used so far. On a shared 2-core machine wall-clock throughput swings with
 * other people's builds; the CPU each side spends per execution does not, and says where the time
 * goes (the scheduler's JVMs or the database server).
 */
final class CpuTime {

    private CpuTime() {}

    /** CPU milliseconds the process has used, or 0 when the platform does not say. */
    static long millis(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    /**
     * CPU milliseconds per kind of thread (the name with its digits masked: {@code http-nio-N-exec-N},
     * {@code GC Thread#N}, {@code C2 CompilerThreadN}), from {@code /proc}; empty where there is no
     * {@code /proc}. Says whether a JVM's time goes to requests, the collector or the JIT compiler.
     */
    static Map<String, Long> millisByThread(ProcessHandle process) {
        Map<String, Long> byKind = new TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            threads.forEach(thread -> addThread(thread.resolve("stat"), byKind));
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return byKind;
    }

    private static void addThread(Path stat, Map<String, Long> byKind) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return; // the thread ended meanwhile
        }
        // "pid (comm) state ..." where comm may contain spaces and parentheses: cut at the last ')'.
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        String[] fields = line.substring(close + 2).split(" ");
        // After the name: state is field 0, utime field 11, stime field 12, in clock ticks (1/100 s).
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        String kind = line.substring(open + 1, close).replaceAll("[0-9]+", "N");
        byKind.merge(kind, ticks * 10, Long::sum);
    }

    /** CPU milliseconds of the local MariaDB/MySQL server, or 0 when it is not a local process. */
    static long databaseMillis() {
        return databaseServer().map(CpuTime::millis).orElse(0L);
    }

    private static Optional<ProcessHandle> databaseServer() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .command()
                        .map(c -> c.endsWith("/mariadbd") || c.endsWith("/mysqld"))
                        .orElse(false))
                .findFirst();
    }
}
