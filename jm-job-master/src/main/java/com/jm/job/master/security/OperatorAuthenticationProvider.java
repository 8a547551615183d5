package com.jm.job.master.security;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks HTTP Basic sign-ins against the configured users. Every attempt that is not throttled and
 * not a sign-in verified moments ago ({@link VerifiedCredentials}) runs exactly one bcrypt check,
 * against a stand-in hash of the users' usual cost when the name is unknown, so a wrong password
 * takes as long whether or not the user exists. Throttled attempts (see {@link LoginThrottle})
 * check nothing and are answered at once, whether or not their password was verified before: the
 * throttle means the same with the cache as without it.
 */
class OperatorAuthenticationProvider implements org.springframework.security.authentication.AuthenticationProvider {

    private final Map<String, Credentials.User> users;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    private final ApplicationEventPublisher events;
    private final VerifiedCredentials verified;
    private final String unknownUserHash;

    OperatorAuthenticationProvider(
            Map<String, Credentials.User> users,
            PasswordEncoder encoder,
            LoginThrottle throttle,
            ApplicationEventPublisher events,
            VerifiedCredentials verified) {
        this.users = users;
        this.verified = verified;
        this.encoder = encoder;
        this.throttle = throttle;
        this.events = events;
        this.unknownUserHash = "{bcrypt}"
                + new BCryptPasswordEncoder(usualCost(users.values()))
                        .encode(UUID.randomUUID().toString());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        String password = authentication.getCredentials() == null
                ? ""
                : authentication.getCredentials().toString();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? String.valueOf(details.getRemoteAddress())
                : "unknown";
        Duration wait = throttle.tryAcquire(name, address);
        if (wait != null) {
            throw new LoginThrottledException(wait);
        }
        Credentials.User user = users.get(name);
        boolean remembered = verified.contains(name, password, user);
        boolean matches = remembered || encoder.matches(password, user != null ? user.passwordHash() : unknownUserHash);
        if (user != null && matches) {
            if (!remembered) {
                // Not on a hit: an entry lives ttl from its bcrypt check, however often it is used.
                verified.add(name, password, user);
            }
            throttle.succeeded(name, address);
            return UsernamePasswordAuthenticationToken.authenticated(
                    name, null, List.of(new SimpleGrantedAuthority("ROLE_" + user.role())));
        }
        events.publishEvent(new SignInFailed(name, address, user == null ? "unknown user" : "wrong password"));
        throw new BadCredentialsException("bad credentials");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The bcrypt cost most configured users have (10, bcrypt's default, with none). */
    static int usualCost(Collection<Credentials.User> users) {
        return users.stream()
                .map(u -> cost(u.passwordHash()))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .entrySet()
                .stream()
                .max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .orElse(10);
    }

    /** The cost of {@code {bcrypt}$2a$NN$...}. */
    private static int cost(String hash) {
        String bare = hash.substring(hash.indexOf('}') + 1);
        return Integer.parseInt(bare.substring(4, 6));
    }
}
