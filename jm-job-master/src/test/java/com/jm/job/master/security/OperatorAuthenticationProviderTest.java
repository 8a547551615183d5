package com.jm.job.master.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.support.MovableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A wrong password costs one bcrypt check of the users' cost whether or not the user exists, so
 * its response time tells nothing about which names exist. A right one costs one check per
 * credential-cache TTL, never a wrong one let through.
 */
class OperatorAuthenticationProviderTest {

    private static final int COST = 8;

    private final List<Object> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger checks = new AtomicInteger();
    private final PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return delegate.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return delegate.matches(raw, encoded);
        }
    };

    private static final Duration TTL = Duration.ofSeconds(30);

    private final MovableClock clock = new MovableClock();
    private final VerifiedCredentials verified = verified(TTL);

    private VerifiedCredentials verified(Duration ttl) {
        JmJobMasterProperties.CredentialCache settings = new JmJobMasterProperties.CredentialCache();
        settings.setTtl(ttl);
        return new VerifiedCredentials(settings, clock);
    }

    private OperatorAuthenticationProvider provider() {
        return provider(user("right", Role.OPERATOR), verified, Integer.MAX_VALUE);
    }

    private static Credentials.User user(String password, Role role) {
        return new Credentials.User("{bcrypt}" + new BCryptPasswordEncoder(COST).encode(password), role);
    }

    private OperatorAuthenticationProvider provider(
            Credentials.User alice, VerifiedCredentials cache, int freeFailuresPerUser) {
        JmJobMasterProperties.LoginThrottle throttle = new JmJobMasterProperties.LoginThrottle();
        throttle.setFreeFailuresPerUser(freeFailuresPerUser);
        throttle.setFreeFailuresPerAddress(Integer.MAX_VALUE);
        return new OperatorAuthenticationProvider(
                Map.of("alice", alice), counting, new LoginThrottle(throttle, clock), events::add, cache);
    }

    @Test
    void aVerifiedSignInIsNotCheckedAgainUntilItsTtlHasPassed() {
        OperatorAuthenticationProvider provider = provider();
        checks.set(0);
        for (int i = 0; i < 10; i++) {
            assertThat(provider.authenticate(login("alice", "right")).getName()).isEqualTo("alice");
        }
        assertThat(checks).as("bcrypt checks for ten sign-ins within the TTL").hasValue(1);
        // Used all the time, an entry still lives TTL from its check, not from its last use.
        clock.advance(TTL);
        assertThat(provider.authenticate(login("alice", "right")).getAuthorities())
                .extracting(Object::toString)
                .containsExactly("ROLE_OPERATOR");
        assertThat(checks).hasValue(2);
    }

    @Test
    void aWrongPasswordIsNeverRememberedNorLetThroughByARememberedRightOne() {
        OperatorAuthenticationProvider provider = provider();
        checks.set(0);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> provider.authenticate(login("alice", "wrong")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(checks).as("each wrong attempt checked").hasValue(3);
        assertThat(verified.size()).isZero();
        provider.authenticate(login("alice", "right"));
        assertThatThrownBy(() -> provider.authenticate(login("alice", "wrong")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(login("alice", "right2")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(login("mallory", "right")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(checks).hasValue(7);
        assertThat(verified.size()).isOne();
    }

    @Test
    void aChangedPasswordStopsWorkingAtOnceEvenWhileTheOldOneIsRemembered() {
        // Users are read at start (Credentials), so a change arrives as a new set of users; the
        // same cache is handed to both providers here to show that an entry for the old password
        // is no licence under the new configuration.
        provider(user("old", Role.OPERATOR), verified, Integer.MAX_VALUE).authenticate(login("alice", "old"));
        assertThat(verified.size()).isOne();
        OperatorAuthenticationProvider changed = provider(user("new", Role.VIEWER), verified, Integer.MAX_VALUE);
        assertThatThrownBy(() -> changed.authenticate(login("alice", "old")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(changed.authenticate(login("alice", "new")).getAuthorities())
                .extracting(Object::toString)
                .containsExactly("ROLE_VIEWER");
    }

    @Test
    void aThrottledUserIsRefusedEvenWithARememberedPassword() {
        OperatorAuthenticationProvider provider = provider(user("right", Role.OPERATOR), verified, 2);
        provider.authenticate(login("alice", "right"));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> provider.authenticate(login("alice", "guess")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        checks.set(0);
        assertThatThrownBy(() -> provider.authenticate(login("alice", "right")))
                .isInstanceOf(LoginThrottledException.class);
        assertThat(checks).hasValue(0);
        clock.advance(Duration.ofSeconds(1));
        assertThat(provider.authenticate(login("alice", "right")).getName()).isEqualTo("alice");
        assertThat(checks).as("still remembered, so no check").hasValue(0);
    }

    @Test
    void withAZeroTtlEverySignInIsChecked() {
        OperatorAuthenticationProvider provider = provider(user("right", Role.OPERATOR), verified(Duration.ZERO), 5);
        checks.set(0);
        for (int i = 0; i < 3; i++) {
            provider.authenticate(login("alice", "right"));
        }
        assertThat(checks).hasValue(3);
    }

    @Test
    void everyAttemptRunsExactlyOneCheckAndFailuresArePublished() {
        OperatorAuthenticationProvider provider = provider();
        checks.set(0);
        assertThat(provider.authenticate(login("alice", "right")).getAuthorities())
                .extracting(Object::toString)
                .containsExactly("ROLE_OPERATOR");
        assertThatThrownBy(() -> provider.authenticate(login("alice", "wrong")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(login("mallory", "wrong")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(checks).hasValue(3);
        assertThat(events)
                .containsExactly(
                        new SignInFailed("alice", "unknown", "wrong password"),
                        new SignInFailed("mallory", "unknown", "unknown user"));
    }

    @Test
    void theStandInHashHasTheUsersUsualCost() {
        String cost4 = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("x");
        String cost12 = "{bcrypt}$2a$12$" + "a".repeat(53);
        assertThat(OperatorAuthenticationProvider.usualCost(List.of(
                        new Credentials.User(cost4, Role.VIEWER),
                        new Credentials.User(cost4, Role.OPERATOR),
                        new Credentials.User(cost12, Role.OPERATOR))))
                .isEqualTo(4);
        assertThat(OperatorAuthenticationProvider.usualCost(List.of())).isEqualTo(10);
    }

    @Test
    void aWrongPasswordTakesAsLongForAnUnknownUserAsForAKnownOne() {
        OperatorAuthenticationProvider provider = provider();
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            known.add(timeFailure(provider, "alice"));
            unknown.add(timeFailure(provider, "nobody-" + i));
        }
        long knownMedian = median(known);
        long unknownMedian = median(unknown);
        System.out.printf(
                "wrong password, bcrypt cost %d: known user median %.2f ms, unknown user median %.2f ms%n",
                COST, knownMedian / 1e6, unknownMedian / 1e6);
        assertThat((double) unknownMedian / knownMedian).isBetween(0.7, 1.4);
    }

    private static long timeFailure(OperatorAuthenticationProvider provider, String user) {
        long started = System.nanoTime();
        try {
            provider.authenticate(login(user, "wrong"));
        } catch (BadCredentialsException expected) {
            // the outcome is the point of the other test; here only the time
        }
        return System.nanoTime() - started;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static Authentication login(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }
}
