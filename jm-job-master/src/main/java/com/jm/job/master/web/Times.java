package com.jm.job.master.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** The store keeps UTC date-times; the API speaks instants. */
final class Times {

    private Times() {}

    static Instant utc(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }
}
