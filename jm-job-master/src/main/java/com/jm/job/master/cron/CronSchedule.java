package com.jm.job.master.cron;

import com.jm.job.master.errors.InvalidFieldException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/** Reads cron expressions (Spring's syntax: six fields, seconds first) and works out fire times. */
@Component
public class CronSchedule {

    /** Checks an expression and zone, naming the field and the reason when they are wrong. */
    public void validate(String cron, String timeZone) {
        zone(timeZone);
        parse(cron);
    }

    /**
     * The first fire time strictly after {@code after}, as a UTC date-time for the store, or
     * {@code null} if the expression never fires again.
     */
    public LocalDateTime nextFireTime(String cron, String timeZone, Instant after) {
        ZonedDateTime next = parse(cron).next(after.atZone(zone(timeZone)));
        return next == null ? null : LocalDateTime.ofInstant(next.toInstant(), ZoneOffset.UTC);
    }

    /**
     * The expression's slots in ({@code after}, {@code upTo}], counted up to {@code limit} (at least
     * 2): a per-second expression over a long span would otherwise cost a step per second. The last
     * two are found exactly however many there are, by looking back from {@code upTo}.
     */
    public SlotSpan slots(String cron, String timeZone, Instant after, Instant upTo, int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("the count limit must be 2 or more, was " + limit);
        }
        CronExpression expression = parse(cron);
        ZonedDateTime end = upTo.atZone(zone(timeZone));
        ZonedDateTime first = expression.next(after.atZone(end.getZone()));
        if (first == null || first.isAfter(end)) {
            return SlotSpan.NONE;
        }
        long count = 1;
        ZonedDateTime beforeLast = null;
        ZonedDateTime last = first;
        for (ZonedDateTime n = expression.next(last); n != null && !n.isAfter(end); n = expression.next(last)) {
            if (count >= limit) {
                // last and n are both in the span, so (beforeLast, end] holds two slots at least.
                ZonedDateTime[] tail = lastTwo(expression, beforeLast, end);
                return new SlotSpan(count, true, utc(first), utc(tail[1]), utc(tail[0]));
            }
            beforeLast = last;
            last = n;
            count++;
        }
        return new SlotSpan(count, false, utc(first), utc(last), beforeLast == null ? null : utc(beforeLast));
    }

    /**
     * The last two slots up to {@code end}, which lie after {@code floor}: searched in windows
     * before {@code end} that double in length, so the steps taken stay near the slots in the
     * window that holds them, not the slots since {@code floor}.
     */
    private static ZonedDateTime[] lastTwo(CronExpression expression, ZonedDateTime floor, ZonedDateTime end) {
        for (Duration window = Duration.ofSeconds(2); ; window = window.multipliedBy(2)) {
            ZonedDateTime from = end.minus(window);
            if (from.isBefore(floor)) {
                from = floor;
            }
            ZonedDateTime beforeLast = null;
            ZonedDateTime last = null;
            for (ZonedDateTime n = expression.next(from); n != null && !n.isAfter(end); n = expression.next(n)) {
                beforeLast = last;
                last = n;
            }
            if (beforeLast != null) {
                return new ZonedDateTime[] {beforeLast, last};
            }
        }
    }

    private static LocalDateTime utc(ZonedDateTime time) {
        return LocalDateTime.ofInstant(time.toInstant(), ZoneOffset.UTC);
    }

    private static CronExpression parse(String cron) {
        try {
            return CronExpression.parse(cron);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(
                    "cron",
                    "invalid cron expression '" + cron + "': " + e.getMessage()
                            + " (expected six fields: second minute hour day-of-month month day-of-week,"
                            + " for example '0 */5 * * * *')");
        }
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidFieldException(
                    "timeZone", "unknown time zone '" + timeZone + "': use a region id such as 'Asia/Shanghai'");
        }
    }
}
