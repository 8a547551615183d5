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
 * configured token; a wrong token is refused at once (no fall-through to anonymous).
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final Map<String, Credentials.Holder> tokens;
    private final ProblemWriter problems;

    BearerTokenFilter(Map<String, Credentials.Holder> tokens, ProblemWriter problems) {
        this.tokens = tokens;
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
        Credentials.Holder holder = find(header.substring(PREFIX.length()).trim());
        if (holder == null) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "unknown bearer token");
            return;
        }
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        holder.name(), null, List.of(new SimpleGrantedAuthority("ROLE_" + holder.role()))));
        chain.doFilter(request, response);
    }

    /** Compares against every token in constant time, so timing does not tell how close a guess was. */
    private Credentials.Holder find(String presented) {
        byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
        Credentials.Holder found = null;
        for (Map.Entry<String, Credentials.Holder> entry : tokens.entrySet()) {
            if (MessageDigest.isEqual(bytes, entry.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = entry.getValue();
            }
        }
        return found;
    }
}
