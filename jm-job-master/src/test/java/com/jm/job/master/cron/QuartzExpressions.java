package com.jm.job.master.cron;

import java.util.List;
import java.util.Random;

/**
 * Random Quartz expressions from a seed, covering what the flavour reads: lists, ranges (wrapping
 * too), steps, names, {@code ?}, {@code L}, {@code L-n}, {@code LW}, {@code nW}, {@code nL},
 * {@code n#k} and the year. In {@link Mode#SPRING}, only what means the same in Spring's syntax once
 * {@code ?} becomes {@code *}: day-of-week by name, no wrapping range, no year; in {@link Mode#UNIX},
 * only what Unix cron has besides: second 0, no {@code L}, {@code W} or {@code #}, steps from
 * {@code *} or a range.
 */
final class QuartzExpressions {

    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");

    enum Mode {
        QUARTZ,
        SPRING,
        UNIX
    }

    private final Random random;
    private final Mode mode;
    private final boolean portable;

    QuartzExpressions(long seed, Mode mode) {
        this.random = new Random(seed);
        this.mode = mode;
        this.portable = mode != Mode.QUARTZ;
    }

    String next() {
        String second = mode == Mode.UNIX ? "0" : pick(4) == 0 ? numeric(0, 59) : String.valueOf(random.nextInt(60));
        String minute = numeric(0, 59);
        String hour = numeric(0, 23);
        String month = pick(3) == 0 ? month() : "*";
        String dayOfMonth;
        String dayOfWeek;
        if (random.nextBoolean()) {
            dayOfMonth = dayOfMonth();
            dayOfWeek = "?";
        } else {
            dayOfMonth = "?";
            dayOfWeek = dayOfWeek();
        }
        String text = String.join(" ", second, minute, hour, dayOfMonth, month, dayOfWeek);
        if (!portable && pick(4) == 0) {
            text += " " + year();
        }
        return text;
    }

    private String numeric(int min, int max) {
        int span = max - min + 1;
        int a = min + random.nextInt(span);
        int b = min + random.nextInt(span);
        return switch (pick(8)) {
            case 0, 1 -> "*";
            case 2 -> String.valueOf(a);
            case 3 -> a + "," + b + "," + (min + random.nextInt(span));
            case 4 -> portable || a <= b ? Math.min(a, b) + "-" + Math.max(a, b) : a + "-" + b;
            case 5 -> "*/" + (1 + random.nextInt(Math.min(span - 1, 20)));
            case 6 ->
                mode == Mode.UNIX
                        ? a + "-" + max + "/" + (1 + random.nextInt(span - 1))
                        : a + "/" + (1 + random.nextInt(span - 1));
            default -> Math.min(a, b) + "-" + Math.max(a, b) + "/" + (1 + random.nextInt(Math.min(span - 1, 10)));
        };
    }

    private String month() {
        int a = random.nextInt(12);
        int b = random.nextInt(12);
        return switch (pick(4)) {
            case 0 -> MONTHS.get(a);
            case 1 -> MONTHS.get(Math.min(a, b)) + "-" + MONTHS.get(Math.max(a, b));
            case 2 -> (a + 1) + "," + (b + 1);
            default -> (a + 1) + (mode == Mode.UNIX ? "-12" : "") + "/" + (1 + random.nextInt(5));
        };
    }

    private String dayOfMonth() {
        if (mode == Mode.UNIX) {
            return pick(4) == 0 ? "*" : numeric(1, 31);
        }
        return switch (pick(9)) {
            case 0 -> "L";
            case 1 -> "L-" + (mode == Mode.QUARTZ ? random.nextInt(10) : 1 + random.nextInt(9));
            case 2 -> mode == Mode.QUARTZ ? "LW" : "L-2";
            // Spring's own W differs from Quartz's at a month's end (it skips a month whose last day,
            // asked for, is a Sunday), and SPRING keeps Spring's reading, so it is left out there.
            case 3 -> mode == Mode.QUARTZ ? (1 + random.nextInt(31)) + "W" : "L";
            case 4 -> "*";
            default -> numeric(1, 31);
        };
    }

    private String dayOfWeek() {
        int a = random.nextInt(7);
        int b = random.nextInt(7);
        String one = portable || random.nextBoolean() ? DAYS.get(a) : String.valueOf(a + 1);
        if (mode == Mode.UNIX) {
            return switch (pick(4)) {
                case 0 -> "*";
                case 1 -> one;
                case 2 -> DAYS.get(Math.min(a, b)) + "-" + DAYS.get(Math.max(a, b));
                default -> DAYS.get(a) + "," + DAYS.get(b);
            };
        }
        return switch (pick(8)) {
            case 0 -> one + "#" + (1 + random.nextInt(5));
            case 1 -> one + "L";
            case 2 -> "*";
            case 3 -> one;
            case 4 -> DAYS.get(a) + "," + DAYS.get(b);
            // Spring reads SUN-SUN as every day (its SUN is 0 and 7), so a portable range has two ends.
            case 5 ->
                portable
                        ? (a == b ? DAYS.get(a) : DAYS.get(Math.min(a, b)) + "-" + DAYS.get(Math.max(a, b)))
                        : DAYS.get(a) + "-" + DAYS.get(b);
            case 6 -> portable ? "MON-FRI" : (a + 1) + "/" + (1 + random.nextInt(6));
            default -> portable ? "SAT,SUN" : "L";
        };
    }

    private String year() {
        int a = 2026 + random.nextInt(6);
        return switch (pick(4)) {
            case 0 -> "*";
            case 1 -> String.valueOf(a);
            case 2 -> a + "-" + (a + random.nextInt(4));
            default -> a + "/" + (1 + random.nextInt(3));
        };
    }

    private int pick(int n) {
        return random.nextInt(n);
    }
}
