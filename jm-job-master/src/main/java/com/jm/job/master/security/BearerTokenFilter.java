package com.jm.job.master.security;

import com.jm.job.master.errors.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in callers of the operators' API that send {@code Authorization: Bearer <token>} with a
 * configured token; a wrong token is refused at once (no fall-through to anonymous). The scrape
 * token counts only on the Prometheus endpoint: anywhere else it is as unknown as a guess, so a
 * leaked scrape token reads metrics and nothing more.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    /** The role of the scrape token, which no user or operator token can have. */
    static final String SCRAPER = "METRICS_SCRAPER";

    static final String PROMETHEUS_PATH = "/actuator/prometheus";

    private static final String PREFIX = "Bearer ";

    private final Map<String, Credentials.Holder> tokens;
    private final byte[] scrapeToken;
    private final ProblemWriter problems;

    /**
     * @param tokens operators' and viewers' tokens
     * @param scrapeToken the token that may read {@link #PROMETHEUS_PATH} only, or null for none
     */
    BearerTokenFilter(Map<String, Credentials.Holder> tokens, String scrapeToken, ProblemWriter problems) {
        this.tokens = tokens;
        this.scrapeToken = scrapeToken == null ? null : scrapeToken.getBytes(StandardCharsets.UTF_8);
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] presented = header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        Credentials.Holder holder = find(presented);
        String name;
        String authority;
        if (holder != null) {
            name = holder.name();
            authority = "ROLE_" + holder.role();
        } else if (isScrapeToken(presented) && PROMETHEUS_PATH.equals(pathOf(request))) {
            name = "prometheus-scrape";
            authority = "ROLE_" + SCRAPER;
        } else {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "unknown bearer token");
            return;
        }
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        name, null, List.of(new SimpleGrantedAuthority(authority))));
        chain.doFilter(request, response);
    }

    /** Compares against every token in constant time, so timing does not tell how close a guess was. */
    private Credentials.Holder find(byte[] presented) {
        Credentials.Holder found = null;
        for (Map.Entry<String, Credentials.Holder> entry : tokens.entrySet()) {
            if (MessageDigest.isEqual(presented, entry.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = entry.getValue();
            }
        }
        return found;
    }

    private boolean isScrapeToken(byte[] presented) {
        return scrapeToken != null && MessageDigest.isEqual(presented, scrapeToken);
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
