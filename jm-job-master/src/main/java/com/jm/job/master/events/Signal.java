package com.jm.job.master.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A wake-up that cannot be missed: a waiter reads the generation before it looks for work and
 * waits only while the generation is unchanged, so a signal between the look and the wait still
 * wakes it. A waiter either blocks ({@link #await}, for the background loops' own threads) or
 * leaves a callback ({@link #whenChanged}, for held polls, which own no thread while they wait).
 *
 * <p>A signal that knows how many tasks became due ({@link #signal(int)}) runs only that many
 * callbacks, the longest-waiting first, instead of all of them: one new task for 2,000 idle polls
 * is one look, not 2,000 claims at once. A callback whose look then finds nothing (another master
 * or poll took the task, or its node may not claim it) hands its wake-up to the next one ({@link
 * #passOn}). Blocked threads always wake: they are a few loops, not polls. A callback left with a
 * generation already passed runs at once whatever the count was: its look may have begun before
 * the work was written, so it cannot know whether the work was meant for it; this costs at most one
 * look per poll whose look overlapped the signal, never one per waiting poll.
 */
public final class Signal {

    private static final Logger log = LoggerFactory.getLogger(Signal.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /**
     * Callbacks waiting for the next signal, longest-waiting first; a set, so a cancelled one leaves
     * in constant time.
     */
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

    /** How a callback was woken, so that it knows whether to pass its wake-up on. */
    public enum Wake {
        /** Every callback was woken (the count of new work is unknown), or the generation had moved already. */
        ALL,
        /** One of a counted signal's wake-ups: a look that finds nothing passes it on. */
        COUNTED,
        /** A wake-up passed on by a look that found nothing: not passed on again, so chains end. */
        PASSED
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
        run(due, Wake.ALL);
    }

    /**
     * Moves the generation on, wakes blocked waiters and runs the {@code tasks} longest-waiting
     * callbacks ({@link Wake#COUNTED}), or all of them if fewer wait.
     */
    public void signal(int tasks) {
        List<Waiter> due = new ArrayList<>();
        lock.lock();
        try {
            generation++;
            changed.signalAll();
            take(tasks, due);
        } finally {
            lock.unlock();
        }
        run(due, Wake.COUNTED);
    }

    /**
     * Runs the longest-waiting callback ({@link Wake#PASSED}) without moving the generation: a
     * woken look found nothing, and the work it was woken for may be another node's to claim.
     *
     * @return whether a callback was waiting
     */
    public boolean passOn() {
        List<Waiter> due = new ArrayList<>(1);
        lock.lock();
        try {
            take(1, due);
        } finally {
            lock.unlock();
        }
        run(due, Wake.PASSED);
        return !due.isEmpty();
    }

    /** Moves up to {@code count} of the longest-waiting callbacks into {@code due}; under the lock. */
    private void take(int count, List<Waiter> due) {
        Iterator<Waiter> oldestFirst = waiters.iterator();
        while (due.size() < count && oldestFirst.hasNext()) {
            due.add(oldestFirst.next());
            oldestFirst.remove();
        }
    }

    /** Outside the lock: a callback may register again at once, on this signal or another. */
    private static void run(List<Waiter> due, Wake wake) {
        for (Waiter waiter : due) {
            waiter.run(wake);
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
     * seen} and this callback is among those the signal wakes; at once, on this thread, if the
     * generation has moved already. The callback must be quick (hand real work to an executor): it
     * runs inside whoever signalled.
     *
     * @return cancels the callback if it has not run yet; harmless after it ran
     */
    public Runnable whenChanged(long seen, Consumer<Wake> callback) {
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
        waiter.run(Wake.ALL);
        return () -> {};
    }

    /** {@link #whenChanged(long, Consumer)} for a callback that does not care how it was woken. */
    public Runnable whenChanged(long seen, Runnable callback) {
        return whenChanged(seen, wake -> callback.run());
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
        private final Consumer<Wake> callback;

        Waiter(Consumer<Wake> callback) {
            this.callback = callback;
        }

        void run(Wake wake) {
            try {
                callback.accept(wake);
            } catch (RuntimeException e) {
                // One failing waiter must not keep the others asleep, nor fail the write that signalled.
                log.warn("A wake-up callback failed: {}", e.toString());
            }
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
