package com.jm.job.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the executing JVMs report on their output: {@code START <id> <epoch micros>} when a
 * latency-probe handler starts, {@code START <id> <epoch micros> <process>} when a node starts its
 * run of a fan-out (broadcast) fire, {@code COUNT <process> <n>} with how many handlers ran so far, {@code READY <process>}.
 * Epoch micros come from {@code Instant.now()}, the system clock every process on the machine
 * shares (unlike {@code nanoTime}, which is per process).
 */
final class HandlerEvents {

    private final Map<String, Long> starts = new ConcurrentHashMap<>();
    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> ready = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> partStarts = new ConcurrentHashMap<>();

    void accept(String line) {
        String[] parts = line.split(" ");
        if (parts.length == 3 && parts[0].equals("START")) {
            starts.put(parts[1], Long.parseLong(parts[2]));
        } else if (parts.length == 4 && parts[0].equals("START")) {
            partStarts
                    .computeIfAbsent(parts[1], k -> new ConcurrentHashMap<>())
                    .merge(parts[3], Long.parseLong(parts[2]), Math::min);
        } else if (parts.length == 3 && parts[0].equals("COUNT")) {
            counts.put(parts[1], Long.parseLong(parts[2]));
        } else if (parts.length == 2 && parts[0].equals("READY")) {
            ready.put(parts[1], true);
        }
    }

    /** Waits for the handler of {@code id} to start; its start in epoch micros, or -1 on time-out. */
    long awaitStart(String id, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Long start = starts.get(id);
            if (start != null) {
                return start;
            }
            Thread.sleep(1);
        }
        return -1;
    }

    /**
     * Waits until {@code processes} different processes started a run of {@code id}; their start
     * times in epoch micros (the first start of each), or {@code null} on time-out.
     */
    List<Long> awaitPartStarts(String id, int processes, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Map<String, Long> starts = partStarts.getOrDefault(id, Map.of());
            if (starts.size() >= processes) {
                return List.copyOf(starts.values());
            }
            Thread.sleep(1);
        }
        return null;
    }

    /** Forgets the part starts of {@code id}, before its next fire. */
    void forgetParts(String id) {
        partStarts.remove(id);
    }

    /** Whether the process of that name said it is ready ({@code READY <process>}). */
    boolean isReady(String process) {
        return ready.containsKey(process);
    }

    /** Handler runs counted by every executing process together. */
    long executed() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Waits until the executing processes have reported at least {@code expected} runs. */
    boolean awaitExecuted(long expected, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (executed() < expected) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
