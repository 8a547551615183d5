package com.jm.job.master.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A wake-up that cannot be missed: a waiter reads the generation before it looks for work and
 * waits only while the generation is unchanged, so a signal between the look and the wait still
 * wakes it. A waiter either blocks ({@link #await}, for the background loops' own threads) or
 * leaves a callback ({@link #whenChanged}, for held polls, which own no thread while they wait).
 */
public final class Signal {

    private static final Logger log = LoggerFactory.getLogger(Signal.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Callbacks waiting for the next signal; a set, so a cancelled one leaves in constant time. */
    private final Set<Waiter> waiters = new LinkedHashSet<>();

    private long generation;

    public long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** Moves the generation on, wakes blocked waiters and runs the waiting callbacks, each once. */
    public void signal() {
        List<Waiter> due;
        lock.lock();
        try {
            generation++;
            changed.signalAll();
            due = new ArrayList<>(waiters);
            waiters.clear();
        } finally {
            lock.unlock();
        }
        // Outside the lock: a callback may register again at once, on this signal or another.
        for (Waiter waiter : due) {
            try {
                waiter.run();
            } catch (RuntimeException e) {
                // One failing waiter must not keep the others asleep, nor fail the write that signalled.
                log.warn("A wake-up callback failed: {}", e.toString());
            }
        }
    }

    /**
     * Waits until the generation moves past {@code seen} or {@code max} passes.
     *
     * @return whether a signal came
     */
    public boolean await(long seen, Duration max) throws InterruptedException {
        lock.lock();
        try {
            long left = max.toNanos();
            while (generation == seen) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code callback} once, on the signalling thread, when the generation moves past {@code
     * seen}; at once, on this thread, if it already has. The callback must be quick (hand real work
     * to an executor): it runs inside whoever signalled.
     *
     * @return cancels the callback if it has not run yet; harmless after it ran
     */
    public Runnable whenChanged(long seen, Runnable callback) {
        Waiter waiter = new Waiter(callback);
        lock.lock();
        try {
            if (generation == seen) {
                waiters.add(waiter);
                return () -> cancel(waiter);
            }
        } finally {
            lock.unlock();
        }
        waiter.run();
        return () -> {};
    }

    private void cancel(Waiter waiter) {
        lock.lock();
        try {
            waiters.remove(waiter);
        } finally {
            lock.unlock();
        }
    }

    /** Compared by identity, so the same callback left twice is two waiters. */
    private static final class Waiter {
        private final Runnable callback;

        Waiter(Runnable callback) {
            this.callback = callback;
        }

        void run() {
            callback.run();
        }
    }

    /** Callbacks waiting now (tests check that cancelled ones leave). */
    int waiting() {
        lock.lock();
        try {
            return waiters.size();
        } finally {
            lock.unlock();
        }
    }
}
