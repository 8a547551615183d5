package com.jm.job.master.cron;

import java.time.DayOfWeek;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the {@code UNIX} flavour, as Vixie cron (the cron of most Linux systems) does: {@code
 * minute hour day-of-month month day-of-week}, day-of-week 0 or 7 = Sunday, names for months and
 * days, lists, ranges and steps, and the macros {@code @yearly}, {@code @monthly}, {@code @weekly},
 * {@code @daily} and {@code @hourly}. When both day fields are restricted (neither starts with
 * {@code *}), a day matches if either does: {@code 0 0 1 * MON} fires on the 1st and on every
 * Monday. Fires at second 0. Around daylight-saving changes it fires as Vixie cron documents: a job
 * at a fixed time (no {@code *} leading its minute or hour) once, at the jump when the clocks skip
 * its time and the first time when they repeat it; a job with {@code *} there by the wall clock, so
 * not in a skipped hour and twice in a repeated one.
 */
final class UnixCron {

    private static final List<String> DAY_NAMES = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final List<String> NAMES =
            Stream.concat(DAY_NAMES.stream(), CronField.MONTHS.stream()).toList();
    private static final CronField MINUTE = new CronField("minute", 0, 59, List.of(), false);
    private static final CronField HOUR = new CronField("hour", 0, 23, List.of(), false);
    private static final CronField DAY_OF_MONTH = new CronField("day-of-month", 1, 31, List.of(), false);
    private static final CronField MONTH = new CronField("month", 1, 12, CronField.MONTHS, false);
    private static final CronField DAY_OF_WEEK = new CronField("day-of-week", 0, 7, DAY_NAMES, false);
    private static final Map<String, String> MACROS = Map.of(
            "@YEARLY", "0 0 1 1 *",
            "@ANNUALLY", "0 0 1 1 *",
            "@MONTHLY", "0 0 1 * *",
            "@WEEKLY", "0 0 * * 0",
            "@DAILY", "0 0 * * *",
            "@MIDNIGHT", "0 0 * * *",
            "@HOURLY", "0 * * * *");

    private UnixCron() {}

    static FieldCronRule parse(String text) {
        String upper = text.strip().toUpperCase(Locale.ROOT);
        if (upper.startsWith("@")) {
            String macro = MACROS.get(upper);
            if (macro == null) {
                throw new CronSyntaxException("'" + text.strip() + "' is not a schedule; the macros are @yearly,"
                        + " @annually, @monthly, @weekly, @daily, @midnight and @hourly");
            }
            upper = macro;
        }
        String[] f = upper.split("\\s+");
        if (f.length != 5) {
            throw new CronSyntaxException("expected five fields (minute hour day-of-month month day-of-week), got "
                    + f.length + (f.length == 6 || f.length == 7 ? "; with seconds first it is SPRING or QUARTZ" : ""));
        }
        for (String field : f) {
            String withoutNames = field;
            for (String name : NAMES) {
                withoutNames = withoutNames.replace(name, "");
            }
            if (withoutNames.matches(".*[?LW#].*")) {
                throw new CronSyntaxException(
                        "'" + field + "': Unix cron has no ?, L, W or # (those are QUARTZ syntax)");
            }
        }
        // Vixie cron's rule: when both day fields are restricted a day matches either; a field that
        // starts with '*' (even '*/2') leaves the other to decide alone.
        DayRule dayOfMonth = DayRule.daysOfMonth(DAY_OF_MONTH.parse(f[2]));
        DayRule dayOfWeek = DayRule.daysOfWeek(daysOfWeek(f[4]));
        DayRule days = eitherDay(upper) ? DayRule.either(dayOfMonth, dayOfWeek) : DayRule.both(dayOfMonth, dayOfWeek);
        BitSet second = new BitSet(60);
        second.set(0);
        // Vixie cron's daylight-saving rule: a job at a fixed time runs once, a skipped one soon after
        // the jump; a job with '*' in its minute or hour runs by the clock as it now reads.
        boolean wildcard = f[0].startsWith("*") || f[1].startsWith("*");
        return new FieldCronRule(
                second,
                MINUTE.parse(f[0]),
                HOUR.parse(f[1]),
                MONTH.parse(f[3]),
                null,
                days,
                wildcard ? FieldCronRule.Gap.SKIP : FieldCronRule.Gap.AT_END,
                wildcard ? FieldCronRule.Repeat.BOTH : FieldCronRule.Repeat.EARLIER);
    }

    /** Whether a readable expression fires on days matching either day field (both are restricted). */
    static boolean eitherDay(String text) {
        String[] f = text.strip().split("\\s+");
        return f.length == 5 && !f[2].startsWith("*") && !f[4].startsWith("*");
    }

    private static Set<DayOfWeek> daysOfWeek(String field) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        DAY_OF_WEEK.parse(field).stream().forEach(v -> days.add(v == 0 || v == 7 ? DayOfWeek.SUNDAY : DayOfWeek.of(v)));
        return days;
    }
}
