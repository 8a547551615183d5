package com.jm.job.client.node;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter for calls to a master that fails: each failure doubles the delay
 * up to a maximum, a success resets it. The jitter (each delay is drawn from its upper half) keeps a
 * fleet of nodes from hitting a restarted master in lock step. One instance per loop; not shared
 * between threads.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The delay before the next attempt; each call doubles the one after, up to the maximum. */
    public Duration next() {
        Duration base = next;
        next = base.multipliedBy(2).compareTo(max) > 0 ? max : base.multipliedBy(2);
        long half = base.toMillis() / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(base.toMillis() - half + 1));
    }

    /** Forgets past failures after a success. */
    public void reset() {
        next = initial;
    }
}
