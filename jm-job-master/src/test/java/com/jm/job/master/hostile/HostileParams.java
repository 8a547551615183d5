package com.jm.job.master.hostile;

import java.util.List;

/** Hostile path ids and paging parameters, the same for every endpoint that takes them. */
final class HostileParams {

    /** Beyond {@code Long.MAX_VALUE} by one. */
    static final String LONG_OVERFLOW = "9223372036854775808";

    private HostileParams() {}

    /** Ids that name nothing (404) or are no id at all (400); every one is sent URL-encoded. */
    static List<HostileCase> ids(Endpoint e) {
        return List.of(
                id(e, "negative id", "-1", 404),
                id(e, "zero id", "0", 404),
                id(e, "Long.MIN_VALUE id", "-9223372036854775808", 404),
                id(e, "Long.MAX_VALUE id", "9223372036854775807", 404),
                id(e, "id one past Long.MAX_VALUE", LONG_OVERFLOW, 400),
                id(e, "id of 40 digits", "9".repeat(40), 400),
                id(e, "non-numeric id", "abc", 400),
                id(e, "decimal id", "1.5", 400),
                id(e, "exponent id", "1e3", 400),
                // Spring's number conversion reads hexadecimal and non-ASCII digits: no such row, so 404.
                id(e, "hexadecimal id", "0x7FFFFFFFFFFFFFFF", 404),
                id(e, "SQL after the id", "1%20OR%201=1", 400),
                id(e, "quote after the id", "1%27", 400),
                id(e, "semicolon and SQL after the id", "1;DROP%20TABLE%20jm_task", 400),
                id(e, "encoded semicolon after the id", "1%3B", 400),
                id(e, "encoded slash in the id", "1%2F2", 400),
                id(e, "encoded backslash in the id", "1%5C2", 400),
                id(e, "encoded NUL in the id", "1%00", 400),
                id(e, "encoded line break in the id", "1%0A", 400),
                id(e, "dot-dot instead of the id", "..", 400),
                id(e, "MyBatis placeholder as id", "%23%7Bid%7D", 400),
                id(e, "Arabic-Indic digits as id", "%D9%A9".repeat(12), 404),
                id(e, "hexadecimal id past Long.MAX_VALUE", "0x8000000000000000", 400));
    }

    /** Page sizes over the cap or under 1, negative pages, and values that are no number. */
    static List<HostileCase> paging(Endpoint e) {
        return List.of(
                param(e, "size over the cap", "size", "201", 400),
                param(e, "size of a million", "size", "1000000", 400),
                param(e, "size zero", "size", "0", 400),
                param(e, "negative size", "size", "-1", 400),
                param(e, "size beyond int", "size", "2147483648", 400),
                param(e, "size not a number", "size", "all", 400),
                param(e, "decimal size", "size", "20.5", 400),
                param(e, "size with SQL", "size", "20; DROP TABLE jm_task", 400),
                param(e, "negative page", "page", "-1", 400),
                param(e, "page beyond int", "page", "99999999999", 400),
                param(e, "page times size beyond int", "page", "2147483647", 400),
                param(e, "page not a number", "page", "first", 400));
    }

    static HostileCase param(Endpoint e, String name, String param, String value, int status) {
        return e.call(name, status, t -> e.authorized(t).param(param, value));
    }

    private static HostileCase id(Endpoint e, String name, String encodedId, int status) {
        return e.call(name, status, t -> e.valid(t, e.at(encodedId, t)));
    }
}
