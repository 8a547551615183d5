package com.jm.job.master.clock;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.support.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The offset arithmetic of the database clock, with a fake master clock and a fake database time
 * (the real statement runs in every end-to-end test, and ClockSkewEndToEndTest pins the result).
 */
class DatabaseClockTest {

    private static final Instant T0 = Instant.parse("2026-12-02T03:00:00Z");

    private final MovableClock clock = new MovableClock(T0);
    private final AtomicReference<Duration> databaseAhead = new AtomicReference<>(Duration.ofSeconds(-30));
    private final AtomicInteger queries = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    private final DatabaseClock databaseClock = new DatabaseClock(
            () -> {
                queries.incrementAndGet();
                if (failure.get() != null) {
                    throw failure.get();
                }
                return LocalDateTime.ofInstant(clock.instant().plus(databaseAhead.get()), ZoneOffset.UTC);
            },
            clock);

    @Test
    void anEstimateIsTheMastersClockCorrectedByTheMeasuredOffset() {
        assertThat(databaseClock.estimate()).isEqualTo(T0.minusSeconds(30));
        assertThat(databaseClock.offset()).isEqualTo(Duration.ofSeconds(-30));

        clock.set(T0.plusSeconds(3));
        assertThat(databaseClock.estimate()).isEqualTo(T0.plusSeconds(3).minusSeconds(30));
        assertThat(queries)
                .as("measured once, then reused within the resample interval")
                .hasValue(1);
    }

    @Test
    void theOffsetIsMeasuredAgainAfterTheResampleInterval() {
        databaseClock.estimate();
        databaseAhead.set(Duration.ofSeconds(5));
        clock.set(T0.plus(DatabaseClock.RESAMPLE));

        assertThat(databaseClock.estimate())
                .isEqualTo(T0.plus(DatabaseClock.RESAMPLE).plusSeconds(5));
        assertThat(queries).hasValue(2);
    }

    @Test
    void whenTheDatabaseCannotBeReadTheLastOffsetStaysAndIsNotAskedForOnEveryCall() {
        databaseClock.estimate();
        failure.set(new IllegalStateException("database away"));
        clock.set(T0.plus(DatabaseClock.RESAMPLE));

        assertThat(databaseClock.estimate())
                .isEqualTo(T0.plus(DatabaseClock.RESAMPLE).minusSeconds(30));
        assertThat(databaseClock.estimate())
                .isEqualTo(T0.plus(DatabaseClock.RESAMPLE).minusSeconds(30));
        assertThat(queries)
                .as("one failed try, then none until the next interval")
                .hasValue(2);
    }

    @Test
    void nowReadsTheDatabaseEveryTimeAndRefreshesTheOffset() {
        assertThat(databaseClock.now()).isEqualTo(LocalDateTime.ofInstant(T0.minusSeconds(30), ZoneOffset.UTC));
        databaseAhead.set(Duration.ofSeconds(2));
        assertThat(databaseClock.now()).isEqualTo(LocalDateTime.ofInstant(T0.plusSeconds(2), ZoneOffset.UTC));
        assertThat(databaseClock.offset()).isEqualTo(Duration.ofSeconds(2));
        assertThat(queries).hasValue(2);
    }
}
