package com.jm.job.master.events;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * In-process wake-ups for long polls: work that became due for a group bumps the group's
 * generation, and polls waiting on that group on this master look again at once: as many as tasks
 * became due when the write knows the count, longest-waiting first, else all. A poll reads the
 * generation before it looks for work, so a signal between the look and the wait is never missed.
 * Writes reach it through {@code PendingChanges} and the master events.
 *
 * <p>Known limit: a counted wake-up goes to the longest-waiting poll of the group whatever its
 * node: the tags a task needs and the node a broadcast run is for are not matched. A woken poll
 * that finds nothing it may claim passes its wake-up on once ({@link #passOn}); {@code
 * PendingChanges} therefore signals work in a tag's or a node's lane with no count (every poll of
 * the group looks, as before counts).
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

    /** Work became due in the group, how much is not known: every poll waiting on it looks again. */
    public void signal(long groupId) {
        group(groupId).signal();
    }

    /**
     * {@code tasks} tasks became due in the group: that many of its waiting polls look again, the
     * longest-waiting first (see {@link Signal#signal(int)}). A count below one is no count, as in
     * a message ({@code PendingWorkMessage}): all of them look again.
     */
    public void signal(long groupId, int tasks) {
        if (tasks < 1) {
            signal(groupId);
        } else {
            group(groupId).signal(tasks);
        }
    }

    /**
     * A poll woken by a counted signal found nothing: the group's longest-waiting poll looks
     * instead, so work another node may claim is not left waiting for a poll's timer.
     */
    public void passOn(long groupId) {
        Signal signal = groups.get(groupId);
        if (signal != null) {
            signal.passOn();
        }
    }

    /** Every group's polls on this master look again (wake-ups may have been missed). */
    public void signalAll() {
        groups.values().forEach(Signal::signal);
    }

    /**
     * Runs {@code callback} once when the group's generation moves past {@code seen} and the
     * signal wakes it (see {@link Signal#whenChanged}); a held poll waits this way, without a
     * thread. The callback learns how it was woken, to pass a counted wake-up on.
     *
     * @return cancels the callback if it has not run yet
     */
    public Runnable whenSignalled(long groupId, long seen, Consumer<Signal.Wake> callback) {
        return group(groupId).whenChanged(seen, callback);
    }

    private Signal group(long groupId) {
        return groups.computeIfAbsent(groupId, id -> new Signal());
    }
}
