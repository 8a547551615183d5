package com.jm.job.master.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exponential back-off per key (a user name, a client address). Every attempt counts as a failure
 * the moment it is let through, so parallel guessers cannot all slip past before the first failure
 * is recorded; a success takes its attempt back. After {@code freeFailures}, the next attempt must
 * wait {@code base}, then twice that after each further failure, up to {@code max}.
 */
final class FailureBackoff {

    private final int freeFailures;
    private final Duration base;
    private final Duration max;
    private final Duration forgetAfter;
    private final int maxTracked;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    FailureBackoff(int freeFailures, Duration base, Duration max, Duration forgetAfter, int maxTracked, Clock clock) {
        this.freeFailures = freeFailures;
        this.base = base;
        this.max = max;
        this.forgetAfter = forgetAfter;
        this.maxTracked = maxTracked;
        this.clock = clock;
    }

    /** One mutable entry, only ever changed inside {@link Map#compute}. */
    private static final class Entry {
        int failures;
        Instant lastAttempt;
        Instant nextAllowed;
    }

    /**
     * Lets one attempt through (counting it as a failure until {@link #succeeded}), or says how long
     * the key must wait.
     *
     * @return {@code null} when the attempt may go ahead, else the wait left
     */
    Duration tryAcquire(String key) {
        Instant now = clock.instant();
        Duration[] wait = new Duration[1];
        entries.compute(key, (k, entry) -> {
            Entry e = entry == null || forgotten(entry, now) ? new Entry() : entry;
            if (e.nextAllowed != null && now.isBefore(e.nextAllowed)) {
                wait[0] = Duration.between(now, e.nextAllowed);
                return e;
            }
            e.failures++;
            e.lastAttempt = now;
            e.nextAllowed = e.failures >= freeFailures ? now.plus(delay(e.failures)) : null;
            return e;
        });
        if (entries.size() > maxTracked) {
            entries.values().removeIf(e -> !blocked(e, now));
        }
        return wait[0];
    }

    /** Takes back the attempt {@link #tryAcquire} counted; {@code forget} drops the key's failures too. */
    void succeeded(String key, boolean forget) {
        entries.computeIfPresent(key, (k, e) -> {
            if (forget || e.failures <= 1) {
                return null;
            }
            e.failures--;
            e.nextAllowed = e.failures >= freeFailures ? e.lastAttempt.plus(delay(e.failures)) : null;
            return e;
        });
    }

    /** The wait after failure number {@code failures} (at least {@code freeFailures}). */
    private Duration delay(int failures) {
        int doublings = Math.min(failures - freeFailures, 30);
        Duration delay = base.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    private boolean forgotten(Entry e, Instant now) {
        return !blocked(e, now) && e.lastAttempt.plus(forgetAfter).isBefore(now);
    }

    private static boolean blocked(Entry e, Instant now) {
        return e.nextAllowed != null && now.isBefore(e.nextAllowed);
    }

    int tracked() {
        return entries.size();
    }
}
