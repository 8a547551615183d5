package com.jm.job.master.cron;

import com.jm.job.master.errors.InvalidFieldException;
import java.time.DateTimeException;
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
