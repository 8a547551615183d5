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
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The node API answers only callers that present a node token (each compared in constant time);
 * the token's group scope goes on the request for registration to check.
 */
class NodeTokenFilter extends OncePerRequestFilter {

    private final Map<byte[], NodeTokenScope> tokens = new LinkedHashMap<>();
    private final ProblemWriter problems;

    NodeTokenFilter(Map<String, NodeTokenScope> tokens, ProblemWriter problems) {
        tokens.forEach((token, scope) -> this.tokens.put(token.getBytes(StandardCharsets.UTF_8), scope));
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(NodeApi.PREFIX + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        NodeTokenScope scope = scopeOf(request.getHeader(NodeApi.TOKEN_HEADER));
        if (scope == null) {
            problems.write(
                    request,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "missing or wrong node token in " + NodeApi.TOKEN_HEADER
                            + "; give nodes the master's node token as jm.job.client.token");
            return;
        }
        request.setAttribute(NodeTokenScope.ATTRIBUTE, scope);
        chain.doFilter(request, response);
    }

    /** The scope of the presented token; every token is compared, so the time says nothing. */
    private NodeTokenScope scopeOf(String presented) {
        if (presented == null) {
            return null;
        }
        byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
        NodeTokenScope found = null;
        for (Map.Entry<byte[], NodeTokenScope> token : tokens.entrySet()) {
            if (MessageDigest.isEqual(bytes, token.getKey()) && found == null) {
                found = token.getValue();
            }
        }
        return found;
    }
}
