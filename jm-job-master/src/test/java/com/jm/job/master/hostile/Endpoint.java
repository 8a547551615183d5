package com.jm.job.master.hostile;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.master.support.TestSecurity;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * An endpoint hostile cases aim at: how to address it, who may call it, and a body it accepts (so
 * that a case changing one thing is refused for that thing alone).
 *
 * @param label {@code METHOD /path/{id}}, the key of the per-endpoint count
 * @param access who may call it
 * @param address the method and URI, without credentials or body
 * @param validBody a body the endpoint accepts, or {@code null} when it takes none
 */
record Endpoint(
        String label,
        Access access,
        Function<HostileTarget, MockHttpServletRequestBuilder> address,
        Function<HostileTarget, Map<String, Object>> validBody) {

    /** The bearer token of an operator, configured by the tests that use these endpoints. */
    static final String OPERATOR_TOKEN = "hostile-operator-token-0123456789abcdef";

    /** Who may call an endpoint. */
    enum Access {
        /** Anyone (health). */
        OPEN,
        /** VIEWER or OPERATOR. */
        READ,
        /** OPERATOR only. */
        WRITE,
        /** The node token, no session yet (register). */
        NODE_TOKEN,
        /** The node token and the node's session. */
        NODE_SESSION
    }

    boolean takesBody() {
        return validBody != null;
    }

    boolean isNodeApi() {
        return access == Access.NODE_TOKEN || access == Access.NODE_SESSION;
    }

    /** The address with the credentials a legitimate caller sends. */
    MockHttpServletRequestBuilder authorized(HostileTarget target) {
        return authorize(address.apply(target), target);
    }

    /** This endpoint's method on its path with {@code {id}} replaced by an already encoded segment. */
    MockHttpServletRequestBuilder at(String encodedId, HostileTarget target) {
        return authorize(request(method(), URI.create(path().replace("{id}", encodedId))), target);
    }

    /** The path template, {@code /api/tasks/{id}}. */
    String path() {
        return label.substring(label.indexOf(' ') + 1);
    }

    HttpMethod method() {
        return HttpMethod.valueOf(label.substring(0, label.indexOf(' ')));
    }

    private MockHttpServletRequestBuilder authorize(MockHttpServletRequestBuilder request, HostileTarget target) {
        if (isNodeApi()) {
            request.header(NodeApi.TOKEN_HEADER, TestSecurity.NODE_TOKEN);
            if (access == Access.NODE_SESSION) {
                request.header(NodeApi.SESSION_HEADER, target.session());
            }
            return request;
        }
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN);
    }

    /** The legitimate call with a valid body (if any); credential cases then take something away. */
    MockHttpServletRequestBuilder valid(HostileTarget target, MockHttpServletRequestBuilder request) {
        return takesBody()
                ? request.contentType(MediaType.APPLICATION_JSON).content(JsonBodies.write(validBody.apply(target)))
                : request;
    }

    /** A case sending {@code body} as JSON with a legitimate caller's credentials. */
    HostileCase body(String name, int status, Function<HostileTarget, String> body) {
        return new HostileCase(label, name, status, t -> authorized(t)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body.apply(t)));
    }

    /** A case sending the valid body with {@code field} set to {@code value} ({@link JsonBodies.Raw} for raw JSON). */
    HostileCase field(String name, int status, String field, Object value) {
        return body(name, status, t -> JsonBodies.write(JsonBodies.with(validBody.apply(t), field, value)));
    }

    /** A case sending the valid body without {@code field}. */
    HostileCase missing(String field, int status) {
        return body("missing " + field, status, t -> JsonBodies.write(JsonBodies.without(validBody.apply(t), field)));
    }

    /** A case sending whatever {@code request} builds, with a legitimate caller's credentials. */
    HostileCase call(String name, int status, Function<HostileTarget, MockHttpServletRequestBuilder> request) {
        return new HostileCase(label, name, status, request::apply);
    }
}
