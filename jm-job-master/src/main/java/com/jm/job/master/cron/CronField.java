package com.jm.job.master.cron;

import java.util.BitSet;
import java.util.List;

/**
 * One field of a field-by-field cron expression: its name, its range, the names it accepts and how
 * it reads lists ({@code 1,5}), ranges ({@code 1-5}), steps ({@code *}{@code /15}, {@code 1-30/5})
 * and all ({@code *}). The two flavours differ in three points: Quartz lets a range wrap ({@code
 * 22-2}, {@code FRI-MON}), reads {@code 5/15} as "from 5, every 15" and ignores a step after a name
 * ({@code MON-FRI/2} is every weekday there, so it is refused rather than read two ways); Unix cron
 * has no wrapping and no step from a single value, and steps names as it steps numbers.
 *
 * @param quartz whether the field is read as Quartz reads it
 */
record CronField(String name, int min, int max, List<String> names, boolean quartz) {

    static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");

    /** The values the field allows. */
    BitSet parse(String field) {
        BitSet set = new BitSet(max + 1);
        for (String item : field.split(",", -1)) {
            if (item.isEmpty()) {
                throw problem("'" + field + "' has an empty item in its list");
            }
            add(item, set);
        }
        return set;
    }

    private void add(String item, BitSet set) {
        int slash = item.indexOf('/');
        String base = slash < 0 ? item : item.substring(0, slash);
        int step = slash < 0 ? 1 : step(item, item.substring(slash + 1));
        int low;
        int high;
        if (quartz && slash >= 0 && base.chars().anyMatch(Character::isLetter)) {
            throw problem("'" + item + "': Quartz ignores a step after a name, so write numbers (as in '2-6/2')");
        }
        if (base.equals("*") || (base.isEmpty() && slash >= 0 && quartz)) {
            low = min;
            high = max;
        } else if (base.indexOf('-') > 0) {
            int dash = base.indexOf('-');
            low = value(base.substring(0, dash));
            high = value(base.substring(dash + 1));
            if (high < low && !quartz) {
                throw problem("range '" + base + "' runs backwards; write the smaller value first");
            }
        } else {
            low = value(base);
            if (slash < 0) {
                high = low;
            } else if (quartz) {
                high = max;
            } else {
                throw problem("'" + item + "' steps from a single value; write a range such as '" + base + "-" + max
                        + "/" + step + "'");
            }
        }
        int span = max - min + 1;
        int end = high < low ? high + span : high;
        for (int v = low; v <= end; v += step) {
            set.set(v > max ? v - span : v);
        }
    }

    private int step(String item, String text) {
        if (!text.chars().allMatch(Character::isDigit) || text.isEmpty() || text.length() > 4) {
            throw problem("'" + item + "' needs a whole number after '/'");
        }
        int step = Integer.parseInt(text);
        if (step < 1 || step >= max - min + 1) {
            throw problem("step " + step + " in '" + item + "' must be from 1 to " + (max - min));
        }
        return step;
    }

    /** A number in range, or one of the field's names. */
    int value(String token) {
        int index = names.indexOf(token);
        if (index >= 0) {
            return min + index;
        }
        if (token.isEmpty() || token.length() > 4 || !token.chars().allMatch(Character::isDigit)) {
            throw problem("'" + token + "' is not a number"
                    + (names.isEmpty() ? "" : " or a name (" + names.get(0) + ", " + names.get(1) + " ...)"));
        }
        int v = Integer.parseInt(token);
        if (v < min || v > max) {
            throw problem("value " + v + " is outside " + min + "-" + max);
        }
        return v;
    }

    CronSyntaxException problem(String what) {
        return new CronSyntaxException(name + ": " + what);
    }
}
