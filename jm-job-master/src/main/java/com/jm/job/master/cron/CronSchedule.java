package com.jm.job.master.cron;

import com.jm.job.master.domain.CronFlavour;
import com.jm.job.master.errors.InvalidFieldException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads cron expressions in their flavour (see {@link CronFlavour}) and works out fire times, in the
 * task's zone (UTC when it has none).
 */
@Component
public class CronSchedule {

    /** How many fire times a refusal shows for each other flavour that reads the expression. */
    static final int HINT_FIRES = 3;

    /**
     * Checks an expression and zone, naming the field, the flavour and the reason when they are
     * wrong; a refusal also says which other flavours read the text and when they would fire after
     * {@code now}, since an expression written for another scheduler is the usual mistake.
     */
    public void validate(String cron, CronFlavour flavour, String timeZone, Instant now) {
        ZoneId zone = zone(timeZone);
        parse(cron, flavour, zone, now);
    }

    /**
     * The next {@code count} fire times after {@code after} in the zone, with notes on what may
     * surprise; a refusal as {@link #validate}'s.
     */
    public CronPreview preview(String cron, CronFlavour flavour, String timeZone, Instant after, int count) {
        ZoneId zone = zone(timeZone);
        CronRule rule = parse(cron, flavour, zone, after);
        return CronPreview.of(
                cron,
                flavour,
                CronReading.fires(rule, zone, after, count),
                CronReading.others(cron, flavour, zone, after, count),
                count);
    }

    /**
     * The first fire time strictly after {@code after}, as a UTC date-time for the store, or
     * {@code null} if the expression never fires again.
     */
    public LocalDateTime nextFireTime(String cron, CronFlavour flavour, String timeZone, Instant after) {
        ZonedDateTime next = parse(cron, flavour, null, after).next(after.atZone(zone(timeZone)));
        return next == null ? null : LocalDateTime.ofInstant(next.toInstant(), ZoneOffset.UTC);
    }

    /**
     * The expression's slots in ({@code after}, {@code upTo}], counted up to {@code limit} (at least
     * 2): a per-second expression over a long span would otherwise cost a step per second. The last
     * two are found exactly however many there are, by looking back from {@code upTo}.
     */
    public SlotSpan slots(String cron, CronFlavour flavour, String timeZone, Instant after, Instant upTo, int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("the count limit must be 2 or more, was " + limit);
        }
        CronRule expression = parse(cron, flavour, null, after);
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
    private static ZonedDateTime[] lastTwo(CronRule expression, ZonedDateTime floor, ZonedDateTime end) {
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

    /**
     * The rule of an expression, or the refusal: with {@code zone} (validation), the refusal lists the
     * other flavours' readings; without (a stored expression, validated when it was saved), it only
     * says what is wrong.
     */
    private static CronRule parse(String cron, CronFlavour flavour, ZoneId zone, Instant now) {
        try {
            return CronFlavours.read(flavour, cron);
        } catch (CronSyntaxException e) {
            List<CronReading> others =
                    zone == null ? List.of() : CronReading.others(cron, flavour, zone, now, HINT_FIRES);
            throw new InvalidCronException(cron, flavour, e.getMessage(), others);
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
