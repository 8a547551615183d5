package com.jm.job.master.hostile;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jm.job.master.hostile.Endpoint.Access;
import com.jm.job.master.support.TestSecurity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Browsers writing on behalf of another site: each state-changing endpoint of the operators' API
 * with valid credentials (the ones a browser keeps after a Basic sign-in, or a token) but sent from
 * a foreign origin. All are refused with 403 before anything is read or written.
 */
final class HostileCrossSiteCases {

    static final String EVIL = "http://evil.example";

    private HostileCrossSiteCases() {}

    /** Whether {@code e} changes state through the operators' API (the endpoints the check guards). */
    static boolean changesState(Endpoint e) {
        return e.access() == Access.WRITE && e.method() != HttpMethod.GET;
    }

    static List<HostileCase> of(Endpoint e) {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(new HostileCase(e.label(), "forged form post from another site", 403, t -> forgedForm(e, t)));
        cases.add(valid(e, "Sec-Fetch-Site cross-site", r -> r.header("Sec-Fetch-Site", "cross-site")));
        cases.add(valid(e, "Sec-Fetch-Site CROSS-SITE", r -> r.header("Sec-Fetch-Site", "CROSS-SITE")));
        cases.add(valid(e, "foreign Origin", r -> r.header(HttpHeaders.ORIGIN, EVIL)));
        cases.add(valid(e, "Origin null (sandboxed frame)", r -> r.header(HttpHeaders.ORIGIN, "null")));
        cases.add(valid(e, "own host on another port", r -> r.header(HttpHeaders.ORIGIN, "http://localhost:8081")));
        cases.add(valid(e, "own host over https", r -> r.header(HttpHeaders.ORIGIN, "https://localhost")));
        cases.add(valid(e, "own host as a suffix", r -> r.header(HttpHeaders.ORIGIN, "http://localhost.evil.example")));
        cases.add(valid(e, "same-site sibling", r -> r.header(HttpHeaders.ORIGIN, "http://admin.localhost")
                .header("Sec-Fetch-Site", "same-site")));
        cases.add(valid(e, "garbage Origin", r -> r.header(HttpHeaders.ORIGIN, "::not a url::")));
        cases.add(valid(e, "same-origin claim with a foreign Origin", r -> r.header(HttpHeaders.ORIGIN, EVIL)
                .header("Sec-Fetch-Site", "same-origin")));
        return cases;
    }

    /**
     * What the attacker sent: an HTML form auto-submitted from another site, the browser
     * adding the Basic credentials it keeps for the master.
     */
    static MockHttpServletRequestBuilder forgedForm(Endpoint e, HostileTarget t) {
        return e.address()
                .apply(t)
                .with(httpBasic(TestSecurity.OPERATOR, TestSecurity.OPERATOR_PASSWORD))
                .header(HttpHeaders.ORIGIN, EVIL)
                .header("Sec-Fetch-Site", "cross-site")
                .header("Sec-Fetch-Mode", "navigate")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("name=pwned");
    }

    private static HostileCase valid(Endpoint e, String name, UnaryOperator<MockHttpServletRequestBuilder> headers) {
        return new HostileCase(e.label(), name, 403, t -> e.valid(t, headers.apply(e.authorized(t))));
    }
}
