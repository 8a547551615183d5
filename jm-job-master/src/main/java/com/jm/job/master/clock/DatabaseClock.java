package com.jm.job.master.clock;

import com.jm.job.master.store.TimeMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The database clock, which decides every time that decides what runs: two masters whose own
 * clocks differ must still agree on cron slots, due times and leases. Statements use {@code NOW(3)}
 * themselves; Java code that computes a due time asks {@link #now()} (one query), and code that
 * only needs it roughly and often (a held poll comparing index scores) asks {@link #estimate()}:
 * this master's clock corrected by the offset to the database clock, measured every
 * {@link #RESAMPLE}.
 */
@Component
public class DatabaseClock {

    /** How often the offset is measured again; clocks drift by far less than a poll's precision in this time. */
    static final Duration RESAMPLE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(DatabaseClock.class);

    private final TimeMapper time;
    private final Clock clock;
    private final AtomicBoolean sampling = new AtomicBoolean();
    private volatile long offsetMillis;
    private volatile long sampledAt = Long.MIN_VALUE;

    public DatabaseClock(TimeMapper time, Clock clock) {
        this.time = time;
        this.clock = clock;
    }

    /** The database's time now, read from the primary (UTC). */
    public LocalDateTime now() {
        long before = clock.millis();
        LocalDateTime now = time.now();
        record(before, now);
        return now;
    }

    /**
     * The database's time by this master's clock and the last measured offset; measures it again
     * when older than {@link #RESAMPLE} (one caller at a time; the others use the last offset, and a
     * failed measurement keeps it).
     */
    public Instant estimate() {
        long jvmNow = clock.millis();
        if (sampledAt == Long.MIN_VALUE || jvmNow - sampledAt >= RESAMPLE.toMillis() || jvmNow < sampledAt) {
            if (sampling.compareAndSet(false, true)) {
                try {
                    now();
                } catch (RuntimeException e) {
                    // Keep the last offset and try again after RESAMPLE, not on every poll's look.
                    sampledAt = jvmNow;
                    log.debug("Cannot read the database clock, keeping the last offset: {}", e.toString());
                } finally {
                    sampling.set(false);
                }
            }
        }
        return Instant.ofEpochMilli(clock.millis() + offsetMillis);
    }

    /** Database time minus this master's time, as last measured. */
    public Duration offset() {
        return Duration.ofMillis(offsetMillis);
    }

    private void record(long before, LocalDateTime dbNow) {
        long after = clock.millis();
        // The database read its clock somewhere between before and after: take the middle.
        offsetMillis = dbNow.toInstant(ZoneOffset.UTC).toEpochMilli() - (before + after) / 2;
        sampledAt = after;
    }
}
