package com.jm.job.master.cron;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.Set;

/** Which days of a month a field-by-field cron rule fires on. */
@FunctionalInterface
interface DayRule {

    boolean matches(LocalDate date);

    static DayRule any() {
        return date -> true;
    }

    /** Days of the month, 1 to 31; a day a month does not have never matches. */
    static DayRule daysOfMonth(BitSet days) {
        return date -> days.get(date.getDayOfMonth());
    }

    static DayRule daysOfWeek(Set<DayOfWeek> days) {
        return date -> days.contains(date.getDayOfWeek());
    }

    /** {@code L-offset}: the month's last day, or so many days before it (none if that is before the 1st). */
    static DayRule lastDay(int offset) {
        return date -> date.getDayOfMonth() == date.lengthOfMonth() - offset;
    }

    /**
     * {@code nW}, {@code LW}, {@code L-nW}: the weekday nearest to a day, within its month (a
     * Saturday 1st moves to Monday 3rd, a Sunday last day to Friday). {@code target} is the day, or
     * for {@code L}-based forms a negative offset from the month's end ({@code -1} = {@code L}).
     * A month without the day has no fire.
     */
    static DayRule nearestWeekday(int target) {
        return date -> {
            int length = date.lengthOfMonth();
            int day = target > 0 ? target : length + target + 1;
            if (day < 1 || day > length) {
                return false;
            }
            DayOfWeek dow = date.withDayOfMonth(day).getDayOfWeek();
            if (dow == DayOfWeek.SATURDAY) {
                day = day == 1 ? 3 : day - 1;
            } else if (dow == DayOfWeek.SUNDAY) {
                day = day == length ? day - 2 : day + 1;
            }
            return date.getDayOfMonth() == day;
        };
    }

    /** {@code 6L} (Quartz): the month's last such day of the week. */
    static DayRule lastOfMonth(DayOfWeek dow) {
        return date -> date.getDayOfWeek() == dow && date.getDayOfMonth() + 7 > date.lengthOfMonth();
    }

    /** {@code 6#3} (Quartz): the month's n-th such day of the week; a month without one has no fire. */
    static DayRule nthOfMonth(DayOfWeek dow, int n) {
        return date -> date.getDayOfWeek() == dow && (date.getDayOfMonth() - 1) / 7 + 1 == n;
    }

    static DayRule both(DayRule a, DayRule b) {
        return date -> a.matches(date) && b.matches(date);
    }

    static DayRule either(DayRule a, DayRule b) {
        return date -> a.matches(date) || b.matches(date);
    }
}
