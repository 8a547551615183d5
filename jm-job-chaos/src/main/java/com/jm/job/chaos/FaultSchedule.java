package com.jm.job.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Injects faults through the window: every kind once first (in an order drawn from the seed), then
 * kinds drawn at random, a new one every few seconds, each held for its drawn time in a thread of
 * its own, so faults on different targets overlap. A fault whose target is still under another is
 * drawn again.
 */
final class FaultSchedule {

    record Injected(String kind, String target, Instant injected, Instant healed, String error) {}

    private final Faults faults;
    private final Random random;
    private final Set<String> busy = new HashSet<>();
    final List<Injected> injected = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    FaultSchedule(Faults faults, long seed) {
        this.faults = faults;
        this.random = new Random(seed);
    }

    void run(Duration window, boolean shortRun) throws InterruptedException {
        long end = System.nanoTime() + window.toNanos();
        List<String> first = new ArrayList<>(faults.runnableKinds());
        Collections.shuffle(first, random);
        while (System.nanoTime() < end) {
            String kind = first.isEmpty()
                    ? faults.runnableKinds()
                            .get(random.nextInt(faults.runnableKinds().size()))
                    : first.get(0);
            Fault fault = faults.draw(kind, random);
            if (claim(fault.target())) {
                first.remove(kind);
                Thread t = new Thread(() -> hold(fault), "jm-job-chaos-fault");
                threads.add(t);
                t.start();
                long gap = shortRun ? 3_000 + random.nextInt(4_000) : 4_000 + random.nextInt(8_000);
                Thread.sleep(gap);
            } else {
                Thread.sleep(500);
            }
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private synchronized boolean claim(String target) {
        return busy.add(target);
    }

    private synchronized void release(String target) {
        busy.remove(target);
    }

    private void hold(Fault fault) {
        Instant at = Instant.now();
        String error = null;
        System.out.printf(
                "[chaos] %s inject %s on %s (hold %d ms)%n",
                at, fault.kind(), fault.target(), fault.hold().toMillis());
        try {
            fault.inject();
            Thread.sleep(fault.hold().toMillis());
        } catch (RuntimeException e) {
            error = "inject: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            fault.heal();
        } catch (RuntimeException e) {
            error = (error == null ? "" : error + "; ") + "heal: " + e.getMessage();
        }
        Instant healed = Instant.now();
        System.out.printf(
                "[chaos] %s healed %s on %s%s%n",
                healed, fault.kind(), fault.target(), error == null ? "" : " (" + error + ")");
        injected.add(new Injected(fault.kind(), fault.target(), at, healed, error));
        release(fault.target());
    }
}
