package com.jm.job.master.cron;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.cron.QuartzExpressions.Mode;
import com.jm.job.master.domain.CronFlavour;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

/**
 * Every flavour's fire times against Quartz's own {@code CronExpression}, over hundreds of random
 * expressions (seeded: the seed is printed, and {@code -Djmjob.cron.seed=} repeats a run) and
 * hand-picked ones, from random instants and from instants just before and inside the
 * daylight-saving changes of Europe/Berlin and America/New_York (and UTC, which has none).
 *
 * <p>QUARTZ must equal Quartz everywhere, changes included. SPRING (Spring's own reading) and UNIX
 * (Vixie cron's) read a skipped or repeated wall-clock time their own way, so they are compared with
 * Quartz away from the changes, and their readings at the changes are pinned in {@link
 * CronFlavoursTest}.
 */
class CronFlavourAgainstQuartzTest {

    private static final long SEED = Long.getLong("jmjob.cron.seed", System.nanoTime());
    private static final int EXPRESSIONS = 250;
    private static final int FIRES = 20;
    private static final List<ZoneId> ZONES = Stream.of("UTC", "Europe/Berlin", "America/New_York")
            .map(ZoneId::of)
            .toList();

    /** Written for Quartz, with what it means there; each must also be read so by QUARTZ. */
    private static final List<String> HAND_PICKED = List.of(
            "0 0 10 ? * 6#3",
            "0 0 10 ? * FRI#3 2027",
            "0 15 10 ? * 6L",
            "0 15 10 ? * FRIL 2026-2028",
            "0 0 12 L * ?",
            "0 0 12 L-3 * ?",
            "0 0 12 L-30 * ?",
            "0 0 12 LW * ?",
            "0 0 12 15W * ?",
            "0 0 12 1W * ?",
            "0 0 12 31W * ?",
            "0 0 12 ? * L",
            "0 0 12 ? * 2-6",
            "0 0 12 ? * MON-FRI",
            "0 0 12 ? * FRI-MON",
            "0 0 12 ? * 7-1",
            "0 0 12 28-3 * ?",
            "0 0 22-2 * * ?",
            "0 0 0 1 11-2 ?",
            "0 0/5 14,18 * * ?",
            "0 10,44 14 ? 3 WED",
            "0 0 0 29 2 ?",
            "0 0 0 29 2 ? 2027-2040/3",
            "0 30 2 * * ?",
            "0 0 * * * ?",
            "0 0/30 1-3 * * ?",
            "*/20 * 1-3 * * ?",
            "0 15 2 ? * SUN",
            "0 0 2 ? * SUN",
            "0 59 1 * * ?",
            "0 0 3 * * ?",
            "0 0 0 1 * ? 2027/2",
            "0 0 0 1 * ? 2030,2027",
            "0 0 0 ? * 2/2",
            "0 0 0 1/10 * ?",
            "0 0 /5 * * ?",
            "0 0 0 ? JAN-MAR MON",
            "0 0 22-2/2 * * ?",
            "0 0 0 28-3/2 * ?",
            "0 0 0 ? jan mon",
            "0 0 0 L-3W * ?",
            "* * * * * ?");

    @Test
    void quartzFiresWhenQuartzDoesAroundDaylightSavingChangesToo() {
        System.out.println("CronFlavourAgainstQuartzTest seed " + SEED);
        List<String> expressions = new ArrayList<>(HAND_PICKED);
        QuartzExpressions random = new QuartzExpressions(SEED, Mode.QUARTZ);
        for (int i = 0; i < EXPRESSIONS; i++) {
            expressions.add(random.next());
        }
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (String text : expressions) {
            CronRule ours = CronFlavours.read(CronFlavour.QUARTZ, text);
            for (ZoneId zone : ZONES) {
                CronExpression quartz = QuartzReference.parse(text, zone);
                if (nearestWeekday(text)) {
                    compared += compareMonthByMonth(text, ours, quartz, zone, mismatches);
                    continue;
                }
                for (Instant start : starts(zone, text.hashCode())) {
                    List<Instant> expected = QuartzReference.fires(quartz, start, FIRES);
                    List<Instant> actual = QuartzReference.fires(ours, zone, start, FIRES);
                    compared += expected.size();
                    if (!actual.equals(expected)) {
                        mismatches.add(describe(text, zone, start, expected, actual));
                    }
                }
            }
        }
        assertThat(compared).as("fire times compared").isGreaterThan(100_000);
        assertThat(expressions)
                .as("the random expressions cover the special characters")
                .anyMatch(e -> e.contains("#"))
                .anyMatch(e -> e.contains("W ") && !e.contains("LW"))
                .anyMatch(e -> e.contains("LW"))
                .anyMatch(e -> e.contains("L-"))
                .anyMatch(e -> e.split(" ").length == 7)
                .anyMatch(e -> e.matches(".*\\b(\\d+)-(\\d+)\\b.*"));
        assertThat(mismatches).as("seed " + SEED).isEmpty();
    }

    @Test
    void springFiresWhenQuartzDoesAwayFromDaylightSavingChanges() {
        List<String> mismatches = new ArrayList<>();
        QuartzExpressions random = new QuartzExpressions(SEED + 1, Mode.SPRING);
        for (int i = 0; i < EXPRESSIONS; i++) {
            String quartzText = random.next();
            // Spring reads '?' as '*'; day-of-week is written by name, which both read alike.
            String springText = quartzText.replace('?', '*');
            compareAwayFromChanges(CronFlavour.SPRING, springText, quartzText, mismatches);
        }
        assertThat(mismatches).as("seed " + SEED).isEmpty();
    }

    @Test
    void unixFiresWhenQuartzDoesAwayFromDaylightSavingChanges() {
        List<String> mismatches = new ArrayList<>();
        QuartzExpressions random = new QuartzExpressions(SEED + 2, Mode.UNIX);
        for (int i = 0; i < EXPRESSIONS; i++) {
            String quartzText = random.next();
            String unixText = quartzText.substring(2).replace('?', '*');
            compareAwayFromChanges(CronFlavour.UNIX, unixText, quartzText, mismatches);
        }
        assertThat(mismatches).as("seed " + SEED).isEmpty();
    }

    /**
     * Unix cron's rule for two restricted day fields (a day matches either) is the union of two
     * Quartz expressions, one with each day field: checked against the two merged.
     */
    @Test
    void unixWithBothDayFieldsRestrictedFiresOnEitherAsTwoQuartzExpressionsMerged() {
        Random random = new Random(SEED + 3);
        List<String> days = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String minute = String.valueOf(random.nextInt(60));
            String hour = random.nextBoolean() ? String.valueOf(random.nextInt(24)) : "*/" + (1 + random.nextInt(8));
            int d = 1 + random.nextInt(31);
            String dayOfMonth =
                    random.nextBoolean() ? String.valueOf(d) : d + "-" + Math.min(31, d + random.nextInt(5));
            String dayOfWeek = random.nextBoolean()
                    ? days.get(random.nextInt(7))
                    : days.get(random.nextInt(3)) + "-" + days.get(3 + random.nextInt(4));
            String month = random.nextInt(3) == 0 ? String.valueOf(1 + random.nextInt(12)) : "*";
            String unix = String.join(" ", minute, hour, dayOfMonth, month, dayOfWeek);
            String byMonthDay = String.join(" ", "0", minute, hour, dayOfMonth, month, "?");
            String byWeekDay = String.join(" ", "0", minute, hour, "?", month, dayOfWeek);
            CronRule ours = CronFlavours.read(CronFlavour.UNIX, unix);
            for (ZoneId zone : ZONES) {
                for (Instant start : starts(zone, unix.hashCode())) {
                    TreeSet<Instant> merged =
                            new TreeSet<>(QuartzReference.fires(QuartzReference.parse(byMonthDay, zone), start, FIRES));
                    merged.addAll(QuartzReference.fires(QuartzReference.parse(byWeekDay, zone), start, FIRES));
                    List<Instant> expected = merged.stream().limit(FIRES).toList();
                    List<Instant> actual = QuartzReference.fires(ours, zone, start, FIRES);
                    if (!sameAwayFromChanges(expected, actual, zone)) {
                        mismatches.add(describe(unix, zone, start, expected, actual));
                    }
                }
            }
        }
        assertThat(mismatches).as("seed " + SEED).isEmpty();
    }

    @Test
    void whatQuartzRefusesQuartzFlavourRefusesToo() {
        List<String> refusedByBoth = List.of(
                "0 0 10 * * 6#3",
                "0 0 10 ? * ?",
                "0 0 10 * * *",
                "0 0 10 1 * 2",
                "0 0 0/24 * * ?",
                "0/60 * * * * ?",
                "0 0 5/ * * ?",
                "0 60 * * * ?",
                "0 0 0 0 * ?",
                "0 0 0 32 * ?",
                "0 0 0 ? * 0",
                "0 0 0 ? * 8",
                "0 0 0 ? 13 *",
                "0 0 0 ? * 6#6",
                "0 0 0 ? * 6#0",
                "0 0 0 ? * #3",
                "0 0 0 W * ?",
                "0 0 0 LW-2 * ?",
                "0 0 10 ? * 6#3 2026 x",
                "0 0 10 ? *",
                "0 0 ? * * *",
                "0 0 10 ? * FOO");
        for (String text : refusedByBoth) {
            assertThat(QuartzReference.accepts(text))
                    .as("Quartz refuses '%s'", text)
                    .isFalse();
            assertThat(CronFlavours.tryRead(CronFlavour.QUARTZ, text))
                    .as("QUARTZ refuses '%s'", text)
                    .isNull();
        }
        // Quartz's parser lets these through, but gives them no documented meaning and reads them
        // oddly ("1,6#3" fires on third Sundays, "MON-FRI/2" on every weekday); the flavour refuses
        // them with what to write.
        for (String text : List.of(
                "0 0 0 ? * 1,6#3",
                "0 0 0 15W,20 * ?",
                "0 0 0 2-5W * ?",
                "0 0 0 1-5/0 * ?",
                "0 0 0 L,15 * ?",
                "0 0 0 ? * MON/2",
                "0 0 0 ? * MON-FRI/2",
                "0 0 0 1 JAN-MAY/2 ?")) {
            assertThat(QuartzReference.accepts(text))
                    .as("Quartz accepts '%s'", text)
                    .isTrue();
            assertThat(CronFlavours.tryRead(CronFlavour.QUARTZ, text))
                    .as("QUARTZ refuses '%s'", text)
                    .isNull();
        }
    }

    /**
     * Quartz's own {@code W} departs from its documentation within a month: on a day it moved to (a
     * Sunday 15th's Monday 16th) it fires only the first time of the day, {@code LW} reached from
     * earlier in the month keeps that earlier time of day, and a start on the weekend day itself can
     * skip the month. The flavour reads {@code W} as documented; against Quartz it is compared where
     * Quartz is right: the first fire of each month, from the month's start.
     */
    private static int compareMonthByMonth(
            String text, CronRule ours, CronExpression quartz, ZoneId zone, List<String> mismatches) {
        int compared = 0;
        for (java.time.YearMonth month = java.time.YearMonth.of(2026, 1);
                month.isBefore(java.time.YearMonth.of(2030, 1));
                month = month.plusMonths(1)) {
            Instant start = month.atDay(1).atStartOfDay(zone).toInstant().minusSeconds(1);
            List<Instant> expected = QuartzReference.fires(quartz, start, 1);
            List<Instant> actual = QuartzReference.fires(ours, zone, start, 1);
            compared += expected.size();
            if (!actual.equals(expected)) {
                mismatches.add(describe(text, zone, start, expected, actual));
            }
        }
        return compared;
    }

    private static boolean nearestWeekday(String text) {
        return text.split(" ")[3].contains("W");
    }

    private static void compareAwayFromChanges(
            CronFlavour flavour, String text, String quartzText, List<String> mismatches) {
        CronRule ours = CronFlavours.read(flavour, text);
        for (ZoneId zone : ZONES) {
            CronExpression quartz = QuartzReference.parse(quartzText, zone);
            if (nearestWeekday(quartzText)) {
                compareMonthByMonth(text, ours, quartz, zone, mismatches);
                continue;
            }
            for (Instant start : starts(zone, text.hashCode())) {
                List<Instant> expected = QuartzReference.fires(quartz, start, FIRES);
                List<Instant> actual = QuartzReference.fires(ours, zone, start, FIRES);
                if (!sameAwayFromChanges(expected, actual, zone)) {
                    mismatches.add(flavour + " " + describe(text, zone, start, expected, actual));
                }
            }
        }
    }

    /**
     * Whether two runs of fire times agree on every fire away from the zone's changes, up to where
     * the shorter one reaches (each may have spent some of its fires on a change).
     */
    private static boolean sameAwayFromChanges(List<Instant> expected, List<Instant> actual, ZoneId zone) {
        if (expected.isEmpty() || actual.isEmpty()) {
            return withoutChanges(expected, zone).equals(withoutChanges(actual, zone));
        }
        Instant horizon = expected.get(expected.size() - 1).isBefore(actual.get(actual.size() - 1))
                ? expected.get(expected.size() - 1)
                : actual.get(actual.size() - 1);
        return withoutChanges(upTo(expected, horizon), zone).equals(withoutChanges(upTo(actual, horizon), zone));
    }

    private static List<Instant> upTo(List<Instant> fires, Instant horizon) {
        return fires.stream().filter(f -> !f.isAfter(horizon)).toList();
    }

    /** The fires more than an hour and a half from any daylight-saving change of the zone. */
    private static List<Instant> withoutChanges(List<Instant> fires, ZoneId zone) {
        return fires.stream()
                .filter(f -> {
                    ZoneOffsetTransition next = zone.getRules().nextTransition(f.minus(Duration.ofMinutes(90)));
                    return next == null || next.getInstant().isAfter(f.plus(Duration.ofMinutes(90)));
                })
                .toList();
    }

    /**
     * Where sequences start: random instants over years, and around each daylight-saving change of
     * 2026 and 2027 in the zone: a day before, an hour before, and inside the skipped or repeated hour.
     */
    private static List<Instant> starts(ZoneId zone, int salt) {
        Random random = new Random(SEED ^ salt);
        List<Instant> starts = new ArrayList<>();
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            starts.add(from.plusSeconds(
                    (long) (random.nextDouble() * Duration.ofDays(4 * 365).toSeconds())));
        }
        ZoneOffsetTransition t = zone.getRules().nextTransition(from);
        while (t != null && t.getInstant().isBefore(Instant.parse("2028-01-01T00:00:00Z"))) {
            starts.add(t.getInstant().minus(Duration.ofDays(1)));
            starts.add(t.getInstant().minus(Duration.ofMinutes(61)));
            starts.add(t.getInstant().plusSeconds(random.nextInt(3600)));
            starts.add(t.getInstant().minusSeconds(1 + random.nextInt(3600)));
            t = zone.getRules().nextTransition(t.getInstant());
        }
        return starts;
    }

    private static String describe(
            String text, ZoneId zone, Instant start, List<Instant> expected, List<Instant> actual) {
        int at = 0;
        while (at < expected.size() && at < actual.size() && expected.get(at).equals(actual.get(at))) {
            at++;
        }
        return "'" + text + "' in " + zone + " after " + start + ": fire " + at + " Quartz "
                + (at < expected.size() ? expected.get(at).atZone(zone) : "none") + ", ours "
                + (at < actual.size() ? actual.get(at).atZone(zone) : "none");
    }
}
