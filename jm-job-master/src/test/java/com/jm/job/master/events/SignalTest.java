package com.jm.job.master.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The callbacks held polls leave on a signal: once each, never missed, and gone when cancelled. */
class SignalTest {

    private final Signal signal = new Signal();

    @Test
    void aCallbackRunsOnceOnTheNextSignal() {
        AtomicInteger runs = new AtomicInteger();
        signal.whenChanged(signal.generation(), runs::incrementAndGet);
        assertThat(runs).hasValue(0);
        signal.signal();
        signal.signal();
        assertThat(runs).hasValue(1);
        assertThat(signal.waiting()).isZero();
    }

    @Test
    void aSignalBetweenTheLookAndTheWaitIsNotMissed() {
        long seen = signal.generation();
        signal.signal(); // after the look read the generation, before it left its callback
        AtomicInteger runs = new AtomicInteger();
        signal.whenChanged(seen, runs::incrementAndGet);
        assertThat(runs).as("run at once").hasValue(1);
        assertThat(signal.waiting()).isZero();
    }

    @Test
    void aCancelledCallbackNeverRunsAndLeaves() {
        AtomicInteger runs = new AtomicInteger();
        Runnable cancel = signal.whenChanged(signal.generation(), runs::incrementAndGet);
        assertThat(signal.waiting()).isOne();
        cancel.run();
        assertThat(signal.waiting()).isZero();
        signal.signal();
        assertThat(runs).hasValue(0);
        cancel.run(); // harmless again
    }

    @Test
    void aCallbackThatWaitsAgainWaitsForTheNextSignalAndAFailingOneStopsNoOther() {
        AtomicInteger runs = new AtomicInteger();
        Runnable[] again = new Runnable[1];
        again[0] = () -> {
            runs.incrementAndGet();
            signal.whenChanged(signal.generation(), again[0]);
        };
        signal.whenChanged(signal.generation(), () -> {
            throw new IllegalStateException("a broken waiter");
        });
        signal.whenChanged(signal.generation(), again[0]);
        signal.signal();
        assertThat(runs).hasValue(1);
        signal.signal();
        assertThat(runs).hasValue(2);
        assertThat(signal.waiting()).isOne();
    }

    /**
     * Each waiter signals after leaving its callback; with {@code counted}, one task's worth, so it
     * may wake another waiter instead of itself. However they interleave, every one is woken (by
     * its own signal, another's, or the generation it missed).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void concurrentWaitersAndSignalersLoseNoWakeUp(boolean counted) throws Exception {
        int waiters = 4;
        int rounds = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(waiters + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> woken = new ArrayList<>();
            for (int w = 0; w < waiters; w++) {
                woken.add(pool.submit(() -> {
                    start.await();
                    int count = 0;
                    for (int i = 0; i < rounds; i++) {
                        // As a held poll does: read, (look), wait; every signal after the read wakes it.
                        long seen = signal.generation();
                        CountDownLatch wake = new CountDownLatch(1);
                        signal.whenChanged(seen, wake::countDown);
                        if (counted) {
                            signal.signal(1);
                        } else {
                            signal.signal();
                        }
                        wake.await();
                        count++;
                    }
                    return count;
                }));
            }
            start.countDown();
            for (Future<Integer> f : woken) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(rounds);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(signal.waiting()).isZero();
    }
}
