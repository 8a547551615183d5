package com.jm.job.client.node;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A timed wait that another thread can end early. A wake-up that arrives while nobody waits is kept
 * for the next wait, so work signalled between two waits is never slept through.
 */
public final class Waiter {

    private final Lock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean pending;

    /**
     * Waits until woken or until the timeout passes.
     *
     * @return {@code true} when woken, {@code false} when the time ran out
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!pending) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = woken.awaitNanos(nanos);
            }
            pending = false;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the current wait, or the next one if nobody waits now. */
    public void wake() {
        lock.lock();
        try {
            pending = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
