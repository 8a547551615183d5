package com.jm.job.master.events;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * In-process wake-ups for long polls: work that became due for a group bumps the group's
 * generation, and polls waiting on that group on this master look again at once. A poll reads the
 * generation before it looks for work, so a signal between the look and the wait is never missed.
 * Writes reach it through {@code PendingChanges} and the master events.
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
        signalAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Wakes the cron loop: a write set a fire time that may be earlier than the one it sleeps for. */
    public Signal schedule() {
        return schedule;
    }

    /** The group's current generation, to pass to {@link #whenSignalled} after an empty look. */
    public long generation(long groupId) {
        return group(groupId).generation();
    }

    public void signal(long groupId) {
        group(groupId).signal();
    }

    /** Every group's polls on this master look again (wake-ups may have been missed). */
    public void signalAll() {
        groups.values().forEach(Signal::signal);
    }

    /**
     * Runs {@code callback} once when the group's generation moves past {@code seen} (see {@link
     * Signal#whenChanged}); a held poll waits this way, without a thread.
     *
     * @return cancels the callback if it has not run yet
     */
    public Runnable whenSignalled(long groupId, long seen, Runnable callback) {
        return group(groupId).whenChanged(seen, callback);
    }

    private Signal group(long groupId) {
        return groups.computeIfAbsent(groupId, id -> new Signal());
    }
}
