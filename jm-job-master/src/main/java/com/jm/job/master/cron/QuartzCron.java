package com.jm.job.master.cron;

import java.time.DayOfWeek;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the {@code QUARTZ} flavour, as Quartz's and XXL-JOB's {@code CronExpression} document it:
 * {@code second minute hour day-of-month month day-of-week [year]}, day-of-week 1 = Sunday to 7 =
 * Saturday, exactly one of the day fields {@code ?}, and in them {@code L}, {@code L-n}, {@code
 * nW}, {@code LW} (day of month) and {@code L}, {@code nL}, {@code n#k} (day of week). Quartz's own
 * parser lets some combinations through that its documentation gives no meaning and that it reads
 * in surprising ways ({@code L} or {@code W} or {@code #} inside a list or range, a step of 0);
 * those are refused here, with what to write instead. Around daylight-saving changes it fires as
 * Quartz does: not at a time the clocks skip (that day has no such fire), once at a time they
 * repeat, the second time it is shown.
 */
final class QuartzCron {

    static final int FIRST_YEAR = 1970;
    static final int LAST_YEAR = 2099;

    private static final List<String> DAY_NAMES = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final CronField SECOND = new CronField("second", 0, 59, List.of(), true);
    private static final CronField MINUTE = new CronField("minute", 0, 59, List.of(), true);
    private static final CronField HOUR = new CronField("hour", 0, 23, List.of(), true);
    private static final CronField DAY_OF_MONTH = new CronField("day-of-month", 1, 31, List.of(), true);
    private static final CronField MONTH = new CronField("month", 1, 12, CronField.MONTHS, true);
    private static final CronField DAY_OF_WEEK = new CronField("day-of-week", 1, 7, DAY_NAMES, true);
    private static final CronField YEAR = new CronField("year", FIRST_YEAR, LAST_YEAR, List.of(), true);

    private QuartzCron() {}

    static FieldCronRule parse(String text) {
        String[] f = text.strip().toUpperCase(Locale.ROOT).split("\\s+");
        if (f.length != 6 && f.length != 7) {
            throw new CronSyntaxException("expected six or seven fields (second minute hour day-of-month month"
                    + " day-of-week [year]), got " + f.length + (f.length == 5 ? "; five fields are UNIX cron" : ""));
        }
        for (int i : new int[] {0, 1, 2, 4, 6}) {
            if (i < f.length && f[i].contains("?")) {
                throw new CronSyntaxException("'?' stands only in day-of-month or day-of-week");
            }
        }
        boolean anyDayOfMonth = f[3].equals("?");
        boolean anyDayOfWeek = f[5].equals("?");
        if (anyDayOfMonth == anyDayOfWeek) {
            throw new CronSyntaxException(
                    anyDayOfMonth
                            ? "'?' in both day-of-month and day-of-week leaves no day; put '?' in one of them only"
                            : "put '?' in day-of-month or day-of-week (Quartz does not combine the two), for example"
                                    + " '0 0 10 ? * 6#3' or '0 0 10 15 * ?'");
        }
        DayRule days = anyDayOfMonth ? dayOfWeek(f[5]) : dayOfMonth(f[3]);
        BitSet years = f.length == 7 && !f[6].equals("*") ? YEAR.parse(f[6]) : null;
        return new FieldCronRule(
                SECOND.parse(f[0]),
                MINUTE.parse(f[1]),
                HOUR.parse(f[2]),
                MONTH.parse(f[4]),
                years,
                days,
                FieldCronRule.Gap.SKIP,
                FieldCronRule.Repeat.LATER);
    }

    private static DayRule dayOfMonth(String field) {
        if (field.equals("L")) {
            return DayRule.lastDay(0);
        }
        if (field.equals("LW")) {
            return DayRule.nearestWeekday(-1);
        }
        if (field.startsWith("L-")) {
            boolean weekday = field.endsWith("W");
            String offset = field.substring(2, field.length() - (weekday ? 1 : 0));
            if (!offset.matches("\\d{1,2}") || Integer.parseInt(offset) > 30) {
                throw DAY_OF_MONTH.problem(
                        "'" + field + "': L-n counts back 0 to 30 days (L-3: three days before the last)");
            }
            int n = Integer.parseInt(offset);
            return weekday ? DayRule.nearestWeekday(-1 - n) : DayRule.lastDay(n);
        }
        if (field.endsWith("W")) {
            String day = field.substring(0, field.length() - 1);
            if (day.isEmpty() || !day.chars().allMatch(Character::isDigit)) {
                throw DAY_OF_MONTH.problem("'" + field + "': W follows a single day, as in 15W (the weekday"
                        + " nearest the 15th) or LW (the last weekday)");
            }
            return DayRule.nearestWeekday(DAY_OF_MONTH.value(day));
        }
        if (field.contains("L") || field.contains("W")) {
            throw DAY_OF_MONTH.problem(
                    "'" + field + "': L and W stand alone (L, L-3, LW, 15W), not in a list or range");
        }
        if (field.contains("#")) {
            throw DAY_OF_MONTH.problem("'#' belongs in day-of-week (6#3: the third Friday)");
        }
        return field.equals("*") ? DayRule.any() : DayRule.daysOfMonth(DAY_OF_MONTH.parse(field));
    }

    private static DayRule dayOfWeek(String field) {
        if (field.equals("L")) {
            return DayRule.daysOfWeek(EnumSet.of(DayOfWeek.SATURDAY));
        }
        int hash = field.indexOf('#');
        if (hash >= 0) {
            String nth = field.substring(hash + 1);
            if (!nth.matches("[1-5]")) {
                throw DAY_OF_WEEK.problem("'" + field + "': '#' is followed by 1 to 5 (6#3: the third Friday)");
            }
            return DayRule.nthOfMonth(single(field, field.substring(0, hash)), Integer.parseInt(nth));
        }
        if (field.endsWith("L")) {
            return DayRule.lastOfMonth(single(field, field.substring(0, field.length() - 1)));
        }
        if (field.replace("WED", "").contains("L") || field.replace("WED", "").contains("W")) {
            throw DAY_OF_WEEK.problem("'" + field + "': L stands alone (L: Saturday) or after one day (6L: the last"
                    + " Friday); W belongs in day-of-month");
        }
        if (field.equals("*")) {
            return DayRule.any();
        }
        BitSet values = DAY_OF_WEEK.parse(field);
        Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
        values.stream().forEach(v -> set.add(dayOfWeek(v)));
        return DayRule.daysOfWeek(set);
    }

    private static DayOfWeek single(String field, String day) {
        if (day.isEmpty() || day.contains(",") || day.contains("-") || day.contains("/") || day.contains("*")) {
            throw DAY_OF_WEEK.problem("'" + field + "': L and # follow a single day (6L, FRI#3), not a list or range");
        }
        return dayOfWeek(DAY_OF_WEEK.value(day));
    }

    /** Quartz's 1 = Sunday ... 7 = Saturday. */
    private static DayOfWeek dayOfWeek(int quartz) {
        return quartz == 1 ? DayOfWeek.SUNDAY : DayOfWeek.of(quartz - 1);
    }
}
