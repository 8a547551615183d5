package com.jm.job.master.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.support.MovableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The back-off arithmetic on a clock the test moves. */
class LoginThrottleTest {

    private final MovableClock clock = new MovableClock();

    private LoginThrottle throttle(int perUser, int perAddress, Duration userMax, Duration addressMax) {
        JmJobMasterProperties.LoginThrottle settings = new JmJobMasterProperties.LoginThrottle();
        settings.setFreeFailuresPerUser(perUser);
        settings.setFreeFailuresPerAddress(perAddress);
        settings.setBaseDelay(Duration.ofSeconds(1));
        settings.setMaxDelayPerUser(userMax);
        settings.setMaxDelayPerAddress(addressMax);
        settings.setForgetAfter(Duration.ofMinutes(15));
        return new LoginThrottle(settings, clock);
    }

    @Test
    void afterTheFreeFailuresEachWaitDoublesUpToTheUsersCap() {
        LoginThrottle throttle = throttle(3, 1000, Duration.ofSeconds(5), Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.tryAcquire("alice", "10.0.0." + i)).isNull();
        }
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Duration wait = throttle.tryAcquire("alice", "10.0.1." + i);
            assertThat(wait).isNotNull();
            waits.add(wait);
            clock.advance(wait);
            assertThat(throttle.tryAcquire("alice", "10.0.1." + i)).isNull();
        }
        assertThat(waits)
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5));
    }

    @Test
    void oneAddressGuessingManyUsersIsStoppedAndStaysStoppedLong() {
        LoginThrottle throttle = throttle(1000, 4, Duration.ofSeconds(30), Duration.ofMinutes(15));
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.tryAcquire("user-" + i, "203.0.113.9")).isNull();
        }
        Duration wait = null;
        for (int i = 0; i < 12; i++) {
            wait = throttle.tryAcquire("other-" + i, "203.0.113.9");
            assertThat(wait).isNotNull();
            clock.advance(wait);
            assertThat(throttle.tryAcquire("other-" + i, "203.0.113.9")).isNull();
        }
        assertThat(wait).isEqualTo(Duration.ofMinutes(15));
        // Another address is not affected.
        assertThat(throttle.tryAcquire("user-0", "198.51.100.1")).isNull();
    }

    @Test
    void aSuccessForgetsTheUsersFailuresAndTakesBackItsAttempt() {
        LoginThrottle throttle = throttle(2, 3, Duration.ofSeconds(30), Duration.ofHours(1));
        assertThat(throttle.tryAcquire("alice", "10.0.0.1")).isNull();
        assertThat(throttle.tryAcquire("alice", "10.0.0.1")).isNull();
        assertThat(throttle.tryAcquire("alice", "10.0.0.1")).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.tryAcquire("alice", "10.0.0.1")).isNull();
        throttle.succeeded("alice", "10.0.0.1");
        // The user's slate is clean; the address keeps its two real failures (one more is free).
        assertThat(throttle.tryAcquire("alice", "10.0.0.2")).isNull();
        assertThat(throttle.tryAcquire("bob", "10.0.0.1")).isNull();
        assertThat(throttle.tryAcquire("carol", "10.0.0.1")).isNotNull();
    }

    @Test
    void failuresAreForgottenAfterAQuietPeriod() {
        LoginThrottle throttle = throttle(2, 1000, Duration.ofSeconds(30), Duration.ofHours(1));
        throttle.tryAcquire("alice", "10.0.0.1");
        throttle.tryAcquire("alice", "10.0.0.1");
        clock.advance(Duration.ofMinutes(16));
        assertThat(throttle.tryAcquire("alice", "10.0.0.1")).isNull();
        assertThat(throttle.tryAcquire("alice", "10.0.0.1")).isNull();
        assertThat(throttle.tryAcquire("alice", "10.0.0.1")).isNotNull();
    }

    @Test
    void manyParallelGuessersGetExactlyTheFreeAttemptsThrough() throws Exception {
        LoginThrottle throttle = throttle(5, 1000, Duration.ofSeconds(30), Duration.ofHours(1));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<Duration>> guesses = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String address = "10.9." + (i / 250) + "." + (i % 250);
                guesses.add(() -> throttle.tryAcquire("alice", address));
            }
            long through = 0;
            for (Future<Duration> f : pool.invokeAll(guesses)) {
                if (f.get() == null) {
                    through++;
                }
            }
            assertThat(through).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theTrackedKeysAreBounded() {
        JmJobMasterProperties.LoginThrottle settings = new JmJobMasterProperties.LoginThrottle();
        FailureBackoff backoff =
                new FailureBackoff(3, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1), 100, clock);
        for (int i = 0; i < 1000; i++) {
            backoff.tryAcquire("random-" + i);
        }
        assertThat(backoff.tracked()).isLessThanOrEqualTo(101);
        assertThat(settings.getMaxTracked()).isEqualTo(JmJobMasterProperties.LoginThrottle.DEFAULT_MAX_TRACKED);
    }
}
