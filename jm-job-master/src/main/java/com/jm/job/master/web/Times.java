package com.jm.job.master.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The store keeps UTC date-times; the API speaks instants, and wall-clock times with their offset
 * where the zone matters to the reader (cron fire times).
 */
final class Times {

    private Times() {}

    static Instant utc(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    /** As {@code 2026-12-18T10:00:00+01:00}: the wall-clock time in its zone, and so the instant. */
    static String offset(ZonedDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }
}
