package com.jm.job.client.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's side of a lease: the clock leases are measured with and the safety margin by which a
 * run is stopped before its lease ends. A lease's deadline is the moment the node last knew it
 * renewed (the time it <em>sent</em> the poll or heartbeat that renewed it, never when the answer
 * came) plus the lease length the master named; the master renewed it no earlier, so the node's
 * deadline is never later than the master's. Once the node's clock reaches deadline − margin the run
 * has no licence left and is cancelled, whatever the master could still say. The margin is cut to
 * a fifth of the shortest lease the master named when that is shorter: a master hands new runs out
 * on a short delivery lease until the node acknowledges them, and the margin must leave time for
 * that acknowledgement too.
 */
public final class LeaseFence {

    /** Default safety margin: stop a run this long before its lease ends. */
    public static final Duration DEFAULT_SAFETY_MARGIN = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(LeaseFence.class);
    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);
    private static final long MAX_MARGIN_SHARE_OF_LEASE = 5;

    private final Clock clock;
    private final Duration margin;
    /** The shortest lease length the master named (0: none yet). */
    private final AtomicLong leaseMillis = new AtomicLong();

    /**
     * @param clock the node's clock; deadlines are instants on it
     * @param safetyMargin how long before its lease ends a run is cancelled (positive)
     */
    public LeaseFence(Clock clock, Duration safetyMargin) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.margin = Objects.requireNonNull(safetyMargin, "safetyMargin");
        if (safetyMargin.isNegative() || safetyMargin.isZero()) {
            throw new IllegalArgumentException("the lease safety margin must be positive");
        }
    }

    /** The node's clock. */
    public Clock clock() {
        return clock;
    }

    /** How long before its lease ends a run is cancelled. */
    public Duration safetyMargin() {
        return margin;
    }

    /**
     * The margin in force: the configured one, but at most a fifth of the shortest lease a master
     * named, so a short lease still leaves time for heartbeats to renew it.
     */
    public Duration effectiveMargin() {
        long lease = leaseMillis.get();
        long cap = lease / MAX_MARGIN_SHARE_OF_LEASE;
        return lease > 0 && cap < margin.toMillis() ? Duration.ofMillis(cap) : margin;
    }

    /**
     * The end of a lease renewed at {@code renewedAt} for {@code leaseMillis}; {@link Instant#MAX}
     * when the master did not say how long leases last (it then cannot be fenced by time).
     */
    public Instant deadline(Instant renewedAt, Long leaseMillis) {
        if (leaseMillis == null) {
            return Instant.MAX;
        }
        long previous = this.leaseMillis.getAndAccumulate(
                leaseMillis, (shortest, named) -> shortest == 0 ? named : Math.min(shortest, named));
        boolean shorter = previous == 0 || leaseMillis < previous;
        if (shorter && leaseMillis / MAX_MARGIN_SHARE_OF_LEASE < margin.toMillis()) {
            log.warn(
                    "jm.job.client.lease-safety-margin ({} ms) is more than a fifth of the master's shortest lease ({} ms);"
                            + " runs are cancelled {} ms before their lease ends instead",
                    margin.toMillis(),
                    leaseMillis,
                    effectiveMargin().toMillis());
        }
        return renewedAt.plusMillis(leaseMillis);
    }

    /** Whether a run whose lease ends at {@code deadline} must stop now. */
    boolean lapsed(Instant deadline) {
        Duration left = untilFence(deadline);
        return left.isNegative() || left.isZero();
    }

    /** How long until a run whose lease ends at {@code deadline} must stop (negative once past). */
    Duration untilFence(Instant deadline) {
        if (deadline.equals(Instant.MAX)) {
            return FOREVER;
        }
        return Duration.between(clock.instant(), deadline.minus(effectiveMargin()));
    }
}
