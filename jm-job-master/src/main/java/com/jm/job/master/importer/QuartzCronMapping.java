package com.jm.job.master.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.scheduling.support.CronExpression;

/**
 * The one place that says how a Quartz cron expression, from Quartz's own job store or from XXL-JOB
 * (whose cron is Quartz's), becomes a jm-job task's cron: six or seven fields (the seventh a year),
 * day-of-week 1–7 meaning SUN–SAT.
 *
 * <p>Tasks take Spring's cron today (day-of-week 0–7, 0 and 7 Sunday, no year), so the import
 * rewrites the day-of-week numbers one down and drops a year field of {@code *}; everything else
 * ({@code ?}, {@code L}, {@code W}, {@code #}, names) means the same in both. Once tasks take a
 * cron flavour, this becomes: the expression unchanged, with {@code cronFlavour} QUARTZ.
 */
final class QuartzCronMapping {

    private static final int DAY_OF_WEEK = 5;

    private QuartzCronMapping() {}

    /**
     * A task cron for a Quartz expression.
     *
     * @param cron the expression a task is given
     * @param note what was rewritten, for the report, or {@code null}
     */
    record Mapped(String cron, String note) {}

    /**
     * @throws IllegalArgumentException with the reason, when the expression cannot be carried over
     */
    static Mapped map(String quartz) {
        String[] fields = quartz == null ? new String[0] : quartz.strip().split("\\s+");
        if (fields.length < 6 || fields.length > 7) {
            throw new IllegalArgumentException("cron '" + quartz + "' has " + fields.length
                    + " fields; a Quartz cron has 6 or 7 (seconds first, an optional year last)");
        }
        List<String> notes = new ArrayList<>();
        if (fields.length == 7) {
            if (!fields[6].equals("*") && !fields[6].equals("?")) {
                throw new IllegalArgumentException("cron '" + quartz + "' names the year(s) " + fields[6]
                        + ", which a task's cron cannot say yet");
            }
            notes.add("year field '" + fields[6] + "' dropped");
        }
        String dayOfWeek = dayOfWeek(fields[DAY_OF_WEEK]);
        if (!dayOfWeek.equals(fields[DAY_OF_WEEK])) {
            notes.add("day-of-week '" + fields[DAY_OF_WEEK] + "' written '" + dayOfWeek
                    + "' (Quartz counts 1 = Sunday, Spring 0 = Sunday)");
        }
        String[] spring = java.util.Arrays.copyOf(fields, 6);
        spring[DAY_OF_WEEK] = dayOfWeek;
        String cron = String.join(" ", spring);
        try {
            CronExpression.parse(cron);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cron '" + quartz + "' cannot be read: " + e.getMessage());
        }
        return new Mapped(cron, notes.isEmpty() ? null : "cron " + String.join(", ", notes));
    }

    /** Quartz's day-of-week field in Spring's numbering; names and symbols stay. */
    private static String dayOfWeek(String field) {
        List<String> items = new ArrayList<>();
        for (String item : field.split(",", -1)) {
            items.add(item(item));
        }
        return String.join(",", items);
    }

    private static String item(String item) {
        int slash = item.indexOf('/');
        if (slash >= 0) {
            // The step counts days, not a day: only the start moves.
            return item(item.substring(0, slash)) + item.substring(slash);
        }
        if (item.equalsIgnoreCase("L")) {
            return "SAT"; // Quartz: L alone in day-of-week is the last day of the week
        }
        int dash = item.indexOf('-');
        if (dash > 0) {
            return day(item.substring(0, dash)) + "-" + day(item.substring(dash + 1));
        }
        int hash = item.indexOf('#');
        if (hash > 0) {
            return day(item.substring(0, hash)) + item.substring(hash);
        }
        if (item.toUpperCase(Locale.ROOT).endsWith("L") && item.length() > 1) {
            return day(item.substring(0, item.length() - 1)) + "L";
        }
        return day(item);
    }

    private static String day(String token) {
        if (token.matches("[1-7]")) {
            return String.valueOf(Integer.parseInt(token) - 1);
        }
        if (token.matches("\\d+")) {
            throw new IllegalArgumentException("day-of-week " + token + " is not 1 (Sunday) to 7 (Saturday)");
        }
        return token;
    }
}
