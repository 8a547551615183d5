package com.jm.job.master.hostile;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.master.hostile.Endpoint.Access;
import com.jm.job.master.support.TestSecurity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Missing, wrong and misplaced credentials on every endpoint. Each request is otherwise one the
 * endpoint accepts, so a refusal can only be about who is calling.
 */
final class HostileCredentialCases {

    private HostileCredentialCases() {}

    static List<HostileCase> of(Endpoint e) {
        List<HostileCase> cases = new ArrayList<>();
        if (e.access() == Access.NODE_TOKEN || e.access() == Access.NODE_SESSION) {
            cases.add(node(e, "no node token", 401, null, true));
            cases.add(node(e, "wrong node token", 401, "wrong-token-0123456789abcdef-0123456", true));
            cases.add(node(e, "node token in upper case", 401, TestSecurity.NODE_TOKEN.toUpperCase(), true));
            cases.add(node(e, "node token with a trailing space", 401, TestSecurity.NODE_TOKEN + " ", true));
            cases.add(node(e, "node token cut short", 401, TestSecurity.NODE_TOKEN.substring(1), true));
            cases.add(node(e, "empty node token", 401, "", true));
            cases.add(call(
                    e,
                    "operator's Basic login instead of the node token",
                    401,
                    r -> r.with(httpBasic(TestSecurity.OPERATOR, TestSecurity.OPERATOR_PASSWORD))));
            if (e.access() == Access.NODE_SESSION) {
                cases.add(node(e, "no session", 404, TestSecurity.NODE_TOKEN, false));
                cases.add(session(e, "wrong session", "not-the-session"));
                cases.add(session(e, "empty session", ""));
                cases.add(new HostileCase(
                        e.label(),
                        "another node's session",
                        404,
                        t -> e.valid(
                                t,
                                e.address()
                                        .apply(t)
                                        .header(NodeApi.TOKEN_HEADER, TestSecurity.NODE_TOKEN)
                                        .header(NodeApi.SESSION_HEADER, t.otherSession()))));
            }
            return cases;
        }
        cases.add(basic(e, "wrong password", TestSecurity.OPERATOR, "wrong"));
        cases.add(basic(e, "password in the wrong case", TestSecurity.OPERATOR, "OPERATOR-PASS"));
        cases.add(basic(e, "empty password", TestSecurity.OPERATOR, ""));
        cases.add(basic(e, "unknown user", "mallory", TestSecurity.OPERATOR_PASSWORD));
        cases.add(basic(e, "SQL as user name", "' OR '1'='1", "' OR '1'='1"));
        cases.add(basic(e, "MyBatis placeholder as user name", "#{name}", "x"));
        cases.add(authorization(e, "Basic with invalid base64", "Basic !!!not-base64!!!"));
        cases.add(authorization(e, "Basic without a colon", "Basic " + base64(TestSecurity.OPERATOR)));
        cases.add(authorization(e, "unknown bearer token", "Bearer 0123456789abcdef0123456789abcdef"));
        cases.add(authorization(e, "empty bearer token", "Bearer "));
        cases.add(authorization(e, "bearer token that is the node token", "Bearer " + TestSecurity.NODE_TOKEN));
        if (e.access() == Access.OPEN) {
            return cases;
        }
        cases.add(call(e, "no credentials", 401, r -> r));
        cases.add(authorization(e, "unknown scheme", "Digest username=\"operator\""));
        cases.add(call(
                e, "node token instead of a login", 401, r -> r.header(NodeApi.TOKEN_HEADER, TestSecurity.NODE_TOKEN)));
        if (e.access() == Access.WRITE) {
            cases.add(
                    call(e, "viewer", 403, r -> r.with(httpBasic(TestSecurity.VIEWER, TestSecurity.VIEWER_PASSWORD))));
        }
        return cases;
    }

    private static HostileCase basic(Endpoint e, String name, String user, String password) {
        return authorization(e, name, "Basic " + base64(user + ":" + password));
    }

    private static HostileCase authorization(Endpoint e, String name, String value) {
        return call(e, name, 401, r -> r.header(HttpHeaders.AUTHORIZATION, value));
    }

    private static HostileCase node(Endpoint e, String name, int status, String token, boolean withSession) {
        return call(
                e,
                name,
                status,
                r -> {
                    if (token != null) {
                        r.header(NodeApi.TOKEN_HEADER, token);
                    }
                    return r;
                },
                withSession);
    }

    private static HostileCase session(Endpoint e, String name, String session) {
        return call(e, name, 404, r -> r.header(NodeApi.TOKEN_HEADER, TestSecurity.NODE_TOKEN)
                .header(NodeApi.SESSION_HEADER, session));
    }

    private static HostileCase call(
            Endpoint e, String name, int status, UnaryOperator<MockHttpServletRequestBuilder> credentials) {
        return call(e, name, status, credentials, false);
    }

    /** The endpoint's valid call with only the given credentials (and, if asked, the caller's session). */
    private static HostileCase call(
            Endpoint e,
            String name,
            int status,
            UnaryOperator<MockHttpServletRequestBuilder> credentials,
            boolean withSession) {
        return new HostileCase(e.label(), name, status, t -> {
            MockHttpServletRequestBuilder request =
                    credentials.apply(e.address().apply(t));
            if (withSession && e.access() == Access.NODE_SESSION) {
                request.header(NodeApi.SESSION_HEADER, t.session());
            }
            return e.valid(t, request);
        });
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
