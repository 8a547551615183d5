package com.jm.job.master.security;

import com.jm.job.master.errors.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses state changes on the operators' API that a browser sends on behalf of another site. A
 * browser that signed in with HTTP Basic (Swagger UI) keeps sending the credentials, also with a
 * form another site posts; such a request says where it comes from ({@code Sec-Fetch-Site}, {@code
 * Origin}), and is refused before any credential is looked at. Clients that send neither header
 * (curl, scripts, the nodes) are not affected; reads are not affected either (they change nothing,
 * and another site cannot read the answer).
 */
class CrossSiteRequestFilter extends OncePerRequestFilter {

    static final String SEC_FETCH_SITE = "Sec-Fetch-Site";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final Set<String> allowedOrigins;
    private final ProblemWriter problems;

    CrossSiteRequestFilter(Collection<String> allowedOrigins, ProblemWriter problems) {
        this.allowedOrigins =
                allowedOrigins.stream().map(CrossSiteRequestFilter::normalize).collect(Collectors.toUnmodifiableSet());
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE_METHODS.contains(request.getMethod())
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String site = request.getHeader(SEC_FETCH_SITE);
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if ("cross-site".equalsIgnoreCase(site)) {
            refuse(request, response, SEC_FETCH_SITE + ": cross-site");
            return;
        }
        if (origin != null && !isAllowed(origin, request)) {
            refuse(request, response, "Origin " + origin);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean isAllowed(String origin, HttpServletRequest request) {
        String presented = normalize(origin);
        return presented.equals(own(request)) || allowedOrigins.contains(presented);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
        problems.write(
                request,
                response,
                HttpStatus.FORBIDDEN,
                "cross-site request refused (" + reason + "): the operators' API changes state only for requests"
                        + " from the master's own origin, a configured jm.job.master.security.allowed-origins entry,"
                        + " or clients that are not browsers");
    }

    /** The origin this request was addressed to, as a browser on the master's own pages would send it. */
    private static String own(HttpServletRequest request) {
        return normalize(request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort());
    }

    /** {@code scheme://host:port} in lower case with the scheme's default port spelled out; "null" stays foreign. */
    static String normalize(String origin) {
        try {
            URI uri = URI.create(origin.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null) {
                return "invalid:" + origin;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return "invalid:" + origin;
        }
    }
}
