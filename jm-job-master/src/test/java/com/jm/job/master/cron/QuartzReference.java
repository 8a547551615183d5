package com.jm.job.master.cron;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.quartz.CronExpression;

/** Quartz's own {@code CronExpression}: the reference every flavour's fire times are checked against. */
final class QuartzReference {

    /**
     * Where comparisons stop: the end of the years a Quartz expression can name. Quartz itself stops
     * searching a hundred years from today, the flavour later.
     */
    static final Instant END = Instant.parse("2100-01-01T00:00:00Z");

    private QuartzReference() {}

    static CronExpression parse(String quartzText, ZoneId zone) {
        try {
            CronExpression expression = new CronExpression(quartzText);
            expression.setTimeZone(TimeZone.getTimeZone(zone));
            return expression;
        } catch (ParseException e) {
            throw new AssertionError("Quartz refuses '" + quartzText + "': " + e.getMessage(), e);
        }
    }

    static boolean accepts(String quartzText) {
        return CronExpression.isValidExpression(quartzText);
    }

    /** Quartz's next {@code count} fire times after {@code after}, fewer if it stops firing. */
    static List<Instant> fires(CronExpression expression, Instant after, int count) {
        List<Instant> fires = new ArrayList<>();
        Date t = Date.from(after);
        while (fires.size() < count
                && (t = expression.getTimeAfter(t)) != null
                && t.toInstant().isBefore(END)) {
            fires.add(t.toInstant());
        }
        return fires;
    }

    /** The same for one of ours. */
    static List<Instant> fires(CronRule rule, ZoneId zone, Instant after, int count) {
        return CronReading.fires(rule, zone, after, count).stream()
                .map(ZonedDateTime::toInstant)
                .filter(t -> t.isBefore(END))
                .toList();
    }
}
