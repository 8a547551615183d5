package com.jm.job.master.security;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.master.errors.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/** The node API answers only callers that present the node token (compared in constant time). */
class NodeTokenFilter extends OncePerRequestFilter {

    private final byte[] token;
    private final ProblemWriter problems;

    NodeTokenFilter(String token, ProblemWriter problems) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(NodeApi.PREFIX + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(NodeApi.TOKEN_HEADER);
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token)) {
            problems.write(
                    request,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "missing or wrong node token in " + NodeApi.TOKEN_HEADER
                            + "; give nodes the master's node token as jm.job.client.token");
            return;
        }
        chain.doFilter(request, response);
    }
}
