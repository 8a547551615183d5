package com.jm.job.client.node;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background loop of the node on its own named thread. Each iteration's unexpected failure is
 * logged and the loop carries on after a pause, so one bad answer never kills the loop. An {@link
 * Error} does end the thread (the JVM may be in trouble; its stack is not to be trusted), but never
 * silently: the loop logs it and starts a fresh thread of the same name after the same pause, and
 * {@link #isAlive()} says false if that fails too. Stopping wakes every wait and interrupts the
 * thread, which ends a long poll in flight.
 */
public abstract class NodeLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(NodeLoop.class);
    private static final Duration PAUSE_AFTER_UNEXPECTED_FAILURE = Duration.ofSeconds(1);

    /** Ends the loop's waits early: new work arrived, or the loop is stopping. */
    protected final Waiter waiter = new Waiter();

    // Only stop() wakes this one, so back-off pauses are not cut short by new work arriving.
    private final Waiter stopWaiter = new Waiter();
    private final String threadName;
    private volatile boolean running;
    private volatile Thread thread;
    private final AtomicInteger restarts = new AtomicInteger();

    protected NodeLoop(String threadName) {
        this.threadName = threadName;
    }

    /** Starts the loop's thread. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        // Not a daemon: a worker app without a web server stays up because the node is running.
        thread = new Thread(this, threadName);
        thread.start();
    }

    /**
     * Stops the loop and waits for its thread to end.
     *
     * @param timeout how long to wait for the thread
     */
    public void stop(Duration timeout) {
        Thread current;
        synchronized (this) {
            running = false;
            current = thread;
            thread = null;
        }
        waiter.wake();
        stopWaiter.wake();
        if (current == null) {
            return;
        }
        current.interrupt();
        try {
            current.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the loop should go on: started and not stopped. */
    public boolean isRunning() {
        return running;
    }

    /**
     * Whether the loop is started and its thread is alive (or restarting after an {@link Error});
     * {@code false} while it should run but no thread runs it.
     */
    public boolean isAlive() {
        Thread current = thread;
        return running && current != null && current.isAlive();
    }

    /** How many times the loop's thread died of an {@link Error} and was started afresh. */
    public int restarts() {
        return restarts.get();
    }

    @Override
    public final void run() {
        log.debug("{} started", threadName);
        try {
            while (running) {
                try {
                    runOnce();
                } catch (InterruptedException e) {
                    // Only stop() interrupts this thread; the loop condition decides whether to leave.
                    log.debug("{} interrupted", threadName);
                } catch (RuntimeException e) {
                    log.error("{} failed an iteration; carrying on", threadName, e);
                    pauseQuietly(PAUSE_AFTER_UNEXPECTED_FAILURE);
                }
            }
        } catch (Error e) {
            restartAfter(e);
            return;
        }
        log.debug("{} stopped", threadName);
    }

    /** Replaces this dying thread with a new one, unless the loop was stopped meanwhile. */
    private void restartAfter(Error error) {
        log.error("{} died of {}; restarting it", threadName, error.toString(), error);
        // The pause keeps an Error that recurs at every iteration from spinning up threads.
        pauseQuietly(PAUSE_AFTER_UNEXPECTED_FAILURE);
        synchronized (this) {
            if (!running || thread != Thread.currentThread()) {
                return;
            }
            Thread replacement = new Thread(this, threadName);
            thread = replacement;
            restarts.incrementAndGet();
            replacement.start();
        }
    }

    /** One iteration: do the work that is due, or wait for it. */
    protected abstract void runOnce() throws InterruptedException;

    /** Waits out a back-off; only stopping ends it early. */
    protected void pause(Duration delay) throws InterruptedException {
        stopWaiter.await(delay);
    }

    private void pauseQuietly(Duration delay) {
        try {
            pause(delay);
        } catch (InterruptedException e) {
            log.debug("{} interrupted while pausing", threadName);
        }
    }
}
