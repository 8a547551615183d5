package com.jm.job.master.schedule;

import com.jm.job.master.events.Signal;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One background loop of the master on its own {@code jm-job-*} thread: runs a step, waits as long
 * as the step asks (or until its signal wakes it early), and carries on after a failed step.
 * Started and stopped with the application context.
 *
 * <p>A loop never dies silently: a step that throws anything short of a {@link VirtualMachineError}
 * is logged and retried; a thread ended by one (out of memory, stack overflow) is replaced by a new
 * thread of the same name, so {@link #isRunning()} never reports a loop that no longer runs.
 */
public class MasterLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MasterLoop.class);
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(1);

    /** One pass of the loop's work; answers how long to wait before the next pass. */
    @FunctionalInterface
    public interface Step {
        Duration runOnce() throws Exception;
    }

    private final String name;
    private final Step step;
    private final Signal wake;
    private volatile Thread thread;

    public MasterLoop(String name, Step step, Signal wake) {
        this.name = name;
        this.step = step;
        this.wake = wake;
    }

    @Override
    public synchronized void start() {
        Thread t = new Thread(this::loop, name);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler(this::died);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            t = thread;
            thread = null;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the loop was started and not stopped, its thread alive (a dead one is replaced). */
    @Override
    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** A thread ended by an error it could not survive: start a new one unless the loop was stopped. */
    private synchronized void died(Thread dead, Throwable cause) {
        if (thread != dead) {
            return;
        }
        log.error("{}: loop thread died, starting a new one", name, cause);
        start();
    }

    private void loop() {
        while (thread == Thread.currentThread()) {
            long seen = wake.generation();
            Duration wait;
            try {
                wait = step.runOnce();
            } catch (InterruptedException e) {
                return;
            } catch (VirtualMachineError e) {
                throw e; // the thread ends; died() starts a fresh one
            } catch (Exception | Error e) {
                log.warn("{}: pass failed, trying again in {}", name, AFTER_FAILURE, e);
                wait = AFTER_FAILURE;
            }
            try {
                wake.await(seen, wait);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
