package com.jm.job.master.schedule;

import com.jm.job.master.dispatch.Signal;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One background loop of the master on its own {@code jm-job-*} thread: runs a step, waits as long
 * as the step asks (or until its signal wakes it early), and carries on after a failed step.
 * Started and stopped with the application context.
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
    public void start() {
        Thread t = new Thread(this::loop, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void loop() {
        while (thread == Thread.currentThread()) {
            long seen = wake.generation();
            Duration wait;
            try {
                wait = step.runOnce();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
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
