package com.jm.job.master.cron;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.BitSet;
import java.util.List;

/**
 * A cron rule read field by field (the {@code QUARTZ} and {@code UNIX} flavours): the seconds,
 * minutes, hours, months and years it allows and a rule for days. Fire times are wall-clock times
 * in the task's zone; what a wall-clock time that a daylight-saving change skips or repeats comes
 * to is the flavour's {@link Gap} and {@link Repeat} rule.
 */
final class FieldCronRule implements CronRule {

    /** Searches give up here: far past any schedule a task is written for, and it bounds the search. */
    static final int MAX_YEAR = 2299;

    /** A matching wall-clock time the clocks skip (02:30 on a night that jumps from 02:00 to 03:00). */
    enum Gap {
        /** Fires once at the jump (03:00): Vixie cron's for a job at a fixed time. */
        AT_END,
        /** Does not fire: Quartz's, and Vixie cron's for a job with '*' in its minute or hour. */
        SKIP
    }

    /** A matching wall-clock time the clocks show twice (02:30 on a night that goes back to 02:00). */
    enum Repeat {
        /** Fires once, the second time: Quartz's reading. */
        LATER,
        /** Fires once, the first time: Vixie cron's for a job at a fixed time. */
        EARLIER,
        /** Fires both times: Vixie cron's for a job with '*' in its minute or hour. */
        BOTH
    }

    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet months;
    private final BitSet years;
    private final DayRule days;
    private final Gap gap;
    private final Repeat repeat;

    /** @param years the years allowed, or null for every year */
    FieldCronRule(
            BitSet seconds,
            BitSet minutes,
            BitSet hours,
            BitSet months,
            BitSet years,
            DayRule days,
            Gap gap,
            Repeat repeat) {
        this.seconds = seconds;
        this.minutes = minutes;
        this.hours = hours;
        this.months = months;
        this.years = years;
        this.days = days;
        this.gap = gap;
        this.repeat = repeat;
    }

    /**
     * Wall-clock times are searched in order. Away from daylight-saving changes their instants come
     * in the same order, so the first one after {@code after} is the answer; a skipped or repeated
     * time can map to an instant out of that order, so around a change the search goes on until the
     * first time past the change and takes the earliest instant seen.
     */
    @Override
    public ZonedDateTime next(ZonedDateTime after) {
        ZoneId zone = after.getZone();
        ZoneRules rules = zone.getRules();
        Instant instant = after.toInstant();
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        LocalDateTime from = local.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        // Inside a repeated hour, when both showings fire, times the wall clock already showed fire
        // again at their second showing, so the whole repeat is searched; when only the first fires,
        // a start in the second has nothing left in the repeat. (Quartz's one showing, the second,
        // comes after every time the clock showed before it, so its search goes on from the start.)
        ZoneOffsetTransition inside = rules.getTransition(local);
        if (inside != null && repeat == Repeat.BOTH) {
            from = inside.getDateTimeAfter();
        } else if (inside != null
                && repeat == Repeat.EARLIER
                && rules.getOffset(instant).equals(inside.getOffsetAfter())) {
            from = inside.getDateTimeBefore();
        }
        Instant best = null;
        while (true) {
            LocalDateTime match = nextLocal(from);
            if (match == null) {
                return best == null ? null : best.atZone(zone);
            }
            ZoneOffsetTransition t = rules.getTransition(match);
            for (Instant candidate : instants(match, t, rules)) {
                if (candidate.isAfter(instant) && (best == null || candidate.isBefore(best))) {
                    best = candidate;
                }
            }
            if (t == null) {
                if (best != null) {
                    return best.atZone(zone);
                }
                from = match.plusSeconds(1);
            } else if (t.isGap()) {
                // Every skipped time maps to the same instant or none: go on after the jump.
                from = t.getDateTimeAfter();
            } else if (best != null && (inside == null || repeat != Repeat.BOTH)) {
                return best.atZone(zone);
            } else {
                from = match.plusSeconds(1);
            }
        }
    }

    private List<Instant> instants(LocalDateTime local, ZoneOffsetTransition t, ZoneRules rules) {
        if (t == null) {
            return List.of(local.toInstant(rules.getOffset(local)));
        }
        if (t.isGap()) {
            return switch (gap) {
                case AT_END -> List.of(t.getInstant());
                case SKIP -> List.of();
            };
        }
        Instant first = local.toInstant(t.getOffsetBefore());
        Instant second = local.toInstant(t.getOffsetAfter());
        return switch (repeat) {
            case LATER -> List.of(second);
            case EARLIER -> List.of(first);
            case BOTH -> List.of(first, second);
        };
    }

    /** The first wall-clock time at or after {@code start} that every field allows, or null. */
    private LocalDateTime nextLocal(LocalDateTime start) {
        LocalDateTime t = start;
        while (true) {
            int year = t.getYear();
            if (year > MAX_YEAR) {
                return null;
            }
            if (years != null && !years.get(year)) {
                int y = years.nextSetBit(year + 1);
                if (y < 0) {
                    return null;
                }
                t = LocalDateTime.of(y, 1, 1, 0, 0);
                continue;
            }
            int month = t.getMonthValue();
            if (!months.get(month)) {
                int m = months.nextSetBit(month + 1);
                t = m < 0 ? LocalDateTime.of(year + 1, 1, 1, 0, 0) : LocalDateTime.of(year, m, 1, 0, 0);
                continue;
            }
            LocalDate date = t.toLocalDate();
            if (!days.matches(date)) {
                t = date.plusDays(1).atStartOfDay();
                continue;
            }
            int hour = t.getHour();
            if (!hours.get(hour)) {
                int h = hours.nextSetBit(hour + 1);
                t = h < 0 ? date.plusDays(1).atStartOfDay() : date.atTime(h, 0);
                continue;
            }
            int minute = t.getMinute();
            if (!minutes.get(minute)) {
                int m = minutes.nextSetBit(minute + 1);
                t = m < 0 ? t.truncatedTo(ChronoUnit.HOURS).plusHours(1) : date.atTime(hour, m);
                continue;
            }
            int second = t.getSecond();
            if (!seconds.get(second)) {
                int s = seconds.nextSetBit(second + 1);
                t = s < 0 ? t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1) : date.atTime(hour, minute, s);
                continue;
            }
            return t;
        }
    }
}
