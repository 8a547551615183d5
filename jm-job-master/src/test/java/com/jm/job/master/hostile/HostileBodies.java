package com.jm.job.master.hostile;

import jakarta.servlet.ServletContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * What any JSON endpoint gets from broken clients: bodies that are not JSON, not an object, cut
 * short, too large, or sent under another content type. The same list for every endpoint.
 */
final class HostileBodies {

    /** One byte over {@code jm.job.master.max-request-size} (512 KB). */
    static final int OVER_LIMIT = 512 * 1024 + 1;

    private HostileBodies() {}

    static List<HostileCase> of(Endpoint e) {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(e.body("empty body", 400, t -> ""));
        cases.add(e.body("JSON null", 400, t -> "null"));
        cases.add(e.body("JSON array instead of object", 400, t -> "[]"));
        cases.add(e.body("JSON string instead of object", 400, t -> "\"name\""));
        cases.add(e.body("JSON number instead of object", 400, t -> "42"));
        cases.add(e.body("truncated after a key", 400, t -> "{\"name\":"));
        cases.add(e.body("truncated valid body", 400, t -> {
            String valid = JsonBodies.write(e.validBody().apply(t));
            return valid.substring(0, valid.length() - 1);
        }));
        cases.add(e.body("unterminated string", 400, t -> "{\"name\":\"abc"));
        cases.add(e.body("trailing comma", 400, t -> "{\"name\":\"a\",}"));
        cases.add(e.body("single-quoted JSON", 400, t -> "{'name':'a'}"));
        cases.add(e.body("JSON with a comment", 400, t -> "/* hi */ {}"));
        cases.add(e.body("not JSON at all", 400, t -> "name=a&group=b"));
        cases.add(e.body("raw control character in a string", 400, t -> "{\"name\":\"a\u0001b\"}"));
        cases.add(e.body("nesting 2000 deep", 400, t -> "{\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "}"));
        cases.add(e.body(
                "unknown field",
                400,
                t -> JsonBodies.write(JsonBodies.with(e.validBody().apply(t), "owner", "x"))));
        cases.add(e.body(
                "valid body followed by garbage",
                400,
                t -> JsonBodies.write(e.validBody().apply(t)) + " xyz"));
        cases.add(e.body("two JSON objects", 400, t -> {
            String valid = JsonBodies.write(e.validBody().apply(t));
            return valid + valid;
        }));
        cases.add(e.call("invalid UTF-8 bytes", 400, t -> e.authorized(t)
                .contentType(MediaType.APPLICATION_JSON)
                .content(new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})));
        cases.add(e.body(
                "body one byte over the limit",
                413,
                t -> padded(JsonBodies.write(e.validBody().apply(t)))));
        cases.add(new HostileCase(
                e.label(), "over the limit without a declared length", 413, t -> new UndeclaredLength(e, t)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(padded(JsonBodies.write(e.validBody().apply(t))))));
        cases.add(wrongType(e, "text/plain", MediaType.TEXT_PLAIN));
        cases.add(wrongType(e, "application/xml", MediaType.APPLICATION_XML));
        cases.add(wrongType(e, "form-urlencoded", MediaType.APPLICATION_FORM_URLENCODED));
        cases.add(wrongType(e, "multipart/form-data", MediaType.MULTIPART_FORM_DATA));
        cases.add(e.call("no content type", 415, t -> e.authorized(t)
                .content(JsonBodies.write(e.validBody().apply(t)))));
        return cases;
    }

    private static HostileCase wrongType(Endpoint e, String name, MediaType type) {
        return e.call("valid body sent as " + name, 415, t -> e.valid(t, e.authorized(t))
                .contentType(type));
    }

    /** A valid body grown past the limit with spaces, which JSON ignores: only its size is wrong. */
    private static String padded(String valid) {
        return valid + " ".repeat(OVER_LIMIT - valid.getBytes(StandardCharsets.UTF_8).length);
    }

    /**
     * A request that declares no length, as a chunked one does, so only counting the bytes read
     * can find it too large.
     */
    private static final class UndeclaredLength extends AbstractMockHttpServletRequestBuilder<UndeclaredLength> {

        UndeclaredLength(Endpoint e, HostileTarget t) {
            super(e.method());
            merge(e.authorized(t));
        }

        @Override
        protected MockHttpServletRequest createServletRequest(ServletContext context) {
            return new MockHttpServletRequest(context) {
                @Override
                public int getContentLength() {
                    return -1;
                }

                @Override
                public long getContentLengthLong() {
                    return -1;
                }
            };
        }
    }
}
