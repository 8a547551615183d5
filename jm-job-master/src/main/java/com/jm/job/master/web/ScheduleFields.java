package com.jm.job.master.web;

import com.jm.job.master.errors.InvalidFieldException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Reads the schedule fields of a task body, naming the field and the expected form when they are
 * wrong: durations in ISO-8601 ({@code PT30S}), instants with an offset ({@code
 * 2026-12-24T10:00:00Z}, {@code 2026-12-24T18:00:00+08:00}).
 */
final class ScheduleFields {

    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_INTERVAL = Duration.ofDays(366);
    /** The store's DATETIME columns end with year 9999; refuse later instants rather than fail there. */
    private static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59Z");

    private ScheduleFields() {}

    static Duration interval(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Duration interval;
        try {
            interval = Duration.parse(value.strip());
        } catch (DateTimeException e) {
            throw new InvalidFieldException(
                    field,
                    field + " '" + value + "' is not an ISO-8601 duration; write for example PT30S, PT5M or PT1H");
        }
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new InvalidFieldException(field, field + " must be from PT1S to P366D, not " + value);
        }
        if (interval.getNano() % 1_000_000 != 0) {
            throw new InvalidFieldException(field, field + " must be whole milliseconds, not " + value);
        }
        return interval;
    }

    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeException e) {
            throw new InvalidFieldException(
                    field,
                    field + " '" + value + "' is not an instant with an offset; write for example"
                            + " 2026-12-24T10:00:00Z or 2026-12-24T18:00:00+08:00");
        }
        if (instant.isAfter(MAX_INSTANT) || instant.isBefore(Instant.EPOCH)) {
            throw new InvalidFieldException(field, field + " must lie between 1970 and 9999, not " + value);
        }
        return instant;
    }
}
