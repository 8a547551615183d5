package com.jm.job.master.dispatch;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * In-process wake-ups for long polls: a write that may have made work due for a group bumps the
 * group's generation, and polls waiting on that group re-check at once. A poll reads the generation
 * before it looks for work, so a signal between the look and the wait is never missed.
 */
@Component
public class PendingSignals implements SmartLifecycle {

    private final ConcurrentMap<Long, Signal> groups = new ConcurrentHashMap<>();
    private final Signal schedule = new Signal();
    private volatile boolean running;

    /**
     * Stops first (highest phase), so that at shutdown the held polls end at once instead of
     * keeping the web server's graceful shutdown waiting for their full wait.
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        groups.values().forEach(Signal::signal);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Wakes the cron loop: a write set a fire time that may be earlier than the one it sleeps for. */
    public Signal schedule() {
        return schedule;
    }

    /** Wakes the cron loop once the current transaction commits (at once if none). */
    public void scheduleChangedAfterCommit() {
        afterCommit(schedule::signal);
    }

    /** The group's current generation, to pass to {@link #await} after an empty look. */
    public long generation(long groupId) {
        return group(groupId).generation();
    }

    /** Wakes the group's waiting polls once the current transaction commits (at once if none). */
    public void signalAfterCommit(long groupId) {
        afterCommit(() -> signal(groupId));
    }

    public void signal(long groupId) {
        group(groupId).signal();
    }

    /**
     * Waits until the group's generation moves past {@code seen} or {@code max} passes.
     *
     * @return whether a signal came
     */
    public boolean await(long groupId, long seen, Duration max) throws InterruptedException {
        return group(groupId).await(seen, max);
    }

    /** A woken waiter must see the write that woke it, so signals wait for the commit. */
    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private Signal group(long groupId) {
        return groups.computeIfAbsent(groupId, id -> new Signal());
    }
}
