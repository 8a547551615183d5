package com.jm.job.master.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jm.job.master.config.JmJobMasterProperties;
import java.time.Clock;
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
 * its response time tells nothing about which names exist.
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

    private OperatorAuthenticationProvider provider() {
        JmJobMasterProperties.LoginThrottle unlimited = new JmJobMasterProperties.LoginThrottle();
        unlimited.setFreeFailuresPerUser(Integer.MAX_VALUE);
        unlimited.setFreeFailuresPerAddress(Integer.MAX_VALUE);
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(COST).encode("right");
        return new OperatorAuthenticationProvider(
                Map.of("alice", new Credentials.User(hash, Role.OPERATOR)),
                counting,
                new LoginThrottle(unlimited, Clock.systemUTC()),
                events::add);
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
