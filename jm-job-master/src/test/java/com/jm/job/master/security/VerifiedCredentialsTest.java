package com.jm.job.master.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.support.MovableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The cache of verified sign-ins on its own: what it keeps, for how long, and what it refuses to match. */
class VerifiedCredentialsTest {

    private static final Credentials.User ALICE =
            new Credentials.User("{bcrypt}$2a$10$" + "a".repeat(53), Role.OPERATOR);

    private final MovableClock clock = new MovableClock();

    private VerifiedCredentials cache(Duration ttl, int maxEntries) {
        JmJobMasterProperties.CredentialCache settings = new JmJobMasterProperties.CredentialCache();
        settings.setTtl(ttl);
        settings.setMaxEntries(maxEntries);
        return new VerifiedCredentials(settings, clock);
    }

    @Test
    void aRememberedSignInMatchesOnlyTheSameNameAndPassword() {
        VerifiedCredentials cache = cache(Duration.ofSeconds(30), 10);
        cache.add("alice", "right", ALICE);
        assertThat(cache.contains("alice", "right", ALICE)).isTrue();
        assertThat(cache.contains("alice", "Right", ALICE)).isFalse();
        assertThat(cache.contains("alice", "right ", ALICE)).isFalse();
        assertThat(cache.contains("alice", "", ALICE)).isFalse();
        // The same bytes split differently between name and password are another sign-in.
        cache.add("ab", "c", ALICE);
        assertThat(cache.contains("a", "bc", ALICE)).isFalse();
        assertThat(cache.contains("abc", "", ALICE)).isFalse();
    }

    @Test
    void anEntryExpiresTtlAfterItsCheckAndIsDropped() {
        VerifiedCredentials cache = cache(Duration.ofSeconds(30), 10);
        cache.add("alice", "right", ALICE);
        clock.advance(Duration.ofSeconds(29));
        assertThat(cache.contains("alice", "right", ALICE)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.contains("alice", "right", ALICE)).isFalse();
        assertThat(cache.size()).isZero();
    }

    @Test
    void anEntryCountsOnlyForTheUserRecordItWasCheckedAgainst() {
        VerifiedCredentials cache = cache(Duration.ofSeconds(30), 10);
        cache.add("alice", "right", ALICE);
        Credentials.User newPassword = new Credentials.User("{bcrypt}$2a$10$" + "b".repeat(53), Role.OPERATOR);
        Credentials.User demoted = new Credentials.User(ALICE.passwordHash(), Role.VIEWER);
        assertThat(cache.contains("alice", "right", demoted)).isFalse();
        assertThat(cache.contains("alice", "right", newPassword)).isFalse();
        // Dropped, not merely skipped: the old record does not match again either.
        assertThat(cache.contains("alice", "right", ALICE)).isFalse();
        assertThat(cache.contains("alice", "right", null)).isFalse();
    }

    @Test
    void pastMaxEntriesTheOldestIsForgotten() {
        VerifiedCredentials cache = cache(Duration.ofSeconds(30), 3);
        for (int i = 0; i < 5; i++) {
            cache.add("user-" + i, "pw", ALICE);
        }
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.contains("user-0", "pw", ALICE)).isFalse();
        assertThat(cache.contains("user-1", "pw", ALICE)).isFalse();
        assertThat(cache.contains("user-2", "pw", ALICE)).isTrue();
        assertThat(cache.contains("user-4", "pw", ALICE)).isTrue();
    }

    @Test
    void concurrentSignInsNeverGrowItPastMaxEntries() throws Exception {
        VerifiedCredentials cache = cache(Duration.ofSeconds(30), 50);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> most = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                most.add(pool.submit(() -> {
                    start.await();
                    int largest = 0;
                    for (int i = 0; i < 2_000; i++) {
                        cache.add("user-" + thread + "-" + i, "pw", ALICE);
                        cache.contains("user-" + thread + "-" + (i / 2), "pw", ALICE);
                        largest = Math.max(largest, cache.size());
                    }
                    return largest;
                }));
            }
            start.countDown();
            for (Future<Integer> f : most) {
                assertThat(f.get()).isLessThanOrEqualTo(50);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.size()).isEqualTo(50);
    }

    @Test
    void aZeroTtlRemembersNothing() {
        VerifiedCredentials cache = cache(Duration.ZERO, 10);
        cache.add("alice", "right", ALICE);
        assertThat(cache.contains("alice", "right", ALICE)).isFalse();
        assertThat(cache.size()).isZero();
    }
}
