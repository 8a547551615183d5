package com.jm.job.master.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session {@code max-age} after its sign-in, however active it has been since (the
 * servlet container's timeout only ends idle ones). The sign-in time is the master's clock at the
 * successful form sign-in, kept in the session, rather than the session's creation time, which is
 * the container's clock and may predate the sign-in (the sign-in page's CSRF token opens the
 * session). Runs before the security context is read from the session, so a request on an ended
 * session is anonymous from then on.
 */
final class ConsoleSessionAge extends OncePerRequestFilter {

    static final String SIGNED_IN_AT = ConsoleSessionAge.class.getName() + ".signedInAt";

    private final Duration maxAge;
    private final Clock clock;

    ConsoleSessionAge(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Wraps the form sign-in's success handler so that it starts the session's age. */
    AuthenticationSuccessHandler startingTheClock(AuthenticationSuccessHandler next) {
        return (request, response, authentication) -> {
            request.getSession().setAttribute(SIGNED_IN_AT, clock.instant());
            next.onAuthenticationSuccess(request, response, authentication);
        };
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session == null || !tooOld(session)) {
            chain.doFilter(request, response);
            return;
        }
        session.invalidate();
        if (HttpMethod.GET.matches(request.getMethod())
                && request.getServletPath().equals(ConsoleSecurityConfiguration.LOGIN_PAGE)) {
            chain.doFilter(request, response); // the sign-in page itself, now on no session
            return;
        }
        String login = request.getContextPath() + ConsoleSecurityConfiguration.LOGIN_PAGE + "?expired";
        if ("true".equals(request.getHeader("HX-Request"))) {
            // A part htmx reloads in place would otherwise show the sign-in page inside the page.
            response.setHeader("HX-Redirect", login);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        response.sendRedirect(login);
    }

    private boolean tooOld(HttpSession session) {
        if (maxAge.isZero() || maxAge.isNegative()) {
            return false;
        }
        Object signedInAt = session.getAttribute(SIGNED_IN_AT);
        return signedInAt instanceof Instant at && !clock.instant().isBefore(at.plus(maxAge));
    }
}
