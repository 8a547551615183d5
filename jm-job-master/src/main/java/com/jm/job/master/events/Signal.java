package com.jm.job.master.events;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A wake-up that cannot be missed: a waiter reads the generation before it looks for work and
 * waits only while the generation is unchanged, so a signal between the look and the wait still
 * wakes it.
 */
public final class Signal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long generation;

    public long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    public void signal() {
        lock.lock();
        try {
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
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
}
