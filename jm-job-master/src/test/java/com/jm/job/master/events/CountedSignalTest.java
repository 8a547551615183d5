package com.jm.job.master.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Counted signals: as many callbacks woken as tasks became due, longest-waiting first; a passed-on
 * wake-up reaches the next; a wake-up is never lost between a look and its wait, nor delivered
 * twice when signals and waiters race.
 */
class CountedSignalTest {

    private final Signal signal = new Signal();
    /** Which waiter (by the order it was left) woke, and how. */
    private final List<String> woken = new CopyOnWriteArrayList<>();

    private void leaveWaiters(int count) {
        for (int i = 0; i < count; i++) {
            int waiter = i;
            signal.whenChanged(signal.generation(), wake -> woken.add(waiter + " " + wake));
        }
    }

    @Test
    void oneTaskWakesExactlyTheLongestWaitingOfManyPolls() {
        leaveWaiters(10);
        signal.signal(1);
        assertThat(woken).containsExactly("0 COUNTED");
        assertThat(signal.waiting()).isEqualTo(9);
    }

    @Test
    void nTasksWakeNPollsInTheOrderTheyWaited() {
        leaveWaiters(10);
        signal.signal(3);
        assertThat(woken).containsExactly("0 COUNTED", "1 COUNTED", "2 COUNTED");
        signal.signal(2);
        assertThat(woken).hasSize(5).endsWith("3 COUNTED", "4 COUNTED");
        assertThat(signal.waiting()).isEqualTo(5);
    }

    @Test
    void moreTasksThanWaitingPollsWakesThemAll() {
        leaveWaiters(5);
        signal.signal(500);
        assertThat(woken).hasSize(5).allMatch(w -> w.endsWith("COUNTED"));
        assertThat(signal.waiting()).isZero();
        signal.signal(500); // nobody waits: no error, nobody woken twice
        assertThat(woken).hasSize(5);
    }

    @Test
    void anUncountedSignalWakesEveryPoll() {
        leaveWaiters(7);
        signal.signal();
        assertThat(woken).hasSize(7).allMatch(w -> w.endsWith("ALL"));
        assertThat(signal.waiting()).isZero();
    }

    @Test
    void aPassedOnWakeUpReachesTheNextPollWithoutMovingTheGeneration() {
        leaveWaiters(3);
        signal.signal(1);
        long generation = signal.generation();
        assertThat(signal.passOn()).isTrue();
        assertThat(woken).containsExactly("0 COUNTED", "1 PASSED");
        assertThat(signal.generation()).as("not new work").isEqualTo(generation);
        AtomicInteger late = new AtomicInteger();
        signal.whenChanged(generation, wake -> late.incrementAndGet());
        assertThat(late).as("a poll that looked after the signal waits").hasValue(0);
        assertThat(signal.waiting()).isEqualTo(2);
    }

    @Test
    void passingOnWithNobodyWaitingIsHarmless() {
        assertThat(signal.passOn()).isFalse();
        assertThat(signal.generation()).isZero();
    }

    @Test
    void aPollThatLookedBeforeACountedSignalAndWaitsAfterItIsWokenAtOnce() {
        leaveWaiters(1);
        long seenByALookInFlight = signal.generation();
        signal.signal(1); // taken by the poll already waiting
        assertThat(woken).containsExactly("0 COUNTED");
        // The look in flight may have missed the task: it cannot know the waiting poll took it.
        List<Signal.Wake> late = new ArrayList<>();
        signal.whenChanged(seenByALookInFlight, late::add);
        assertThat(late).containsExactly(Signal.Wake.ALL);
        assertThat(signal.waiting()).isZero();
    }

    @Test
    void aCountedSignalWithNobodyWaitingStillReachesALookInFlight() {
        long seen = signal.generation();
        signal.signal(1);
        List<Signal.Wake> late = new ArrayList<>();
        signal.whenChanged(seen, late::add);
        assertThat(late).containsExactly(Signal.Wake.ALL);
    }

    @Test
    void aCancelledPollIsNotCountedAsWoken() {
        Runnable cancel = signal.whenChanged(signal.generation(), wake -> woken.add("cancelled"));
        leaveWaiters(2);
        cancel.run();
        signal.signal(1);
        assertThat(woken).containsExactly("0 COUNTED");
    }

    /**
     * Signallers and passers-on race with each other and with polls arriving (some with a
     * generation already passed): every counted and every passed-on wake-up reaches exactly one
     * waiting callback, and none runs twice.
     */
    @Test
    void racingCountedSignalsDeliverEachWakeUpExactlyOnce() throws Exception {
        int signallers = 4;
        int signalsEach = 500;
        int tasksPerSignal = 3;
        int passers = 2;
        int passesEach = 500;
        int counted = signallers * signalsEach * tasksPerSignal;
        int passed = passers * passesEach;
        Map<Integer, AtomicInteger> runsPerWaiter = new ConcurrentHashMap<>();
        AtomicInteger countedRuns = new AtomicInteger();
        AtomicInteger passedRuns = new AtomicInteger();
        AtomicInteger allRuns = new AtomicInteger();
        AtomicInteger ids = new AtomicInteger();
        Runnable leave = () -> {
            int id = ids.getAndIncrement();
            AtomicInteger runs = new AtomicInteger();
            runsPerWaiter.put(id, runs);
            signal.whenChanged(signal.generation(), wake -> {
                runs.incrementAndGet();
                switch (wake) {
                    case COUNTED -> countedRuns.incrementAndGet();
                    case PASSED -> passedRuns.incrementAndGet();
                    case ALL -> allRuns.incrementAndGet();
                }
            });
        };
        // Enough waiting before the race for every wake-up, so each signal finds its full count.
        for (int i = 0; i < counted + passed; i++) {
            leave.run();
        }
        int arrivals = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(signallers + passers + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> racers = new ArrayList<>();
            for (int s = 0; s < signallers; s++) {
                racers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < signalsEach; i++) {
                        signal.signal(tasksPerSignal);
                    }
                    return null;
                }));
            }
            for (int p = 0; p < passers; p++) {
                racers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < passesEach; i++) {
                        assertThat(signal.passOn()).isTrue();
                    }
                    return null;
                }));
            }
            racers.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < arrivals; i++) {
                    leave.run();
                }
                return null;
            }));
            start.countDown();
            for (Future<?> racer : racers) {
                racer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(countedRuns).hasValue(counted);
        assertThat(passedRuns).hasValue(passed);
        assertThat(runsPerWaiter.values()).allMatch(runs -> runs.get() <= 1);
        int ran = countedRuns.get() + passedRuns.get() + allRuns.get();
        assertThat(signal.waiting()).isEqualTo(counted + passed + arrivals - ran);
    }
}
