package com.jm.job.master.cron;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.domain.CronFlavour;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Fire times of every kind of schedule, from given database times. */
class SchedulesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00.400Z");

    private final Schedules schedules = new Schedules(new CronSchedule());

    @Test
    void fixedRateSlotsLieOnAGridFromTheFirstFireHoweverLateARunEnds() {
        Recurrence everyTenSeconds = new Recurrence(null, null, null, 10_000L, null, utc("2026-12-02T09:59:30Z"));

        assertThat(schedules.first(everyTenSeconds, NOW)).isEqualTo(utc("2026-12-02T09:59:30Z"));
        assertThat(schedules.nextSlot(everyTenSeconds, Instant.parse("2026-12-02T09:59:50Z")))
                .as("the slot after the one just run")
                .isEqualTo(utc("2026-12-02T10:00:00Z"));
        assertThat(schedules.nextSlot(everyTenSeconds, NOW))
                .as("from now: the first slot strictly after it")
                .isEqualTo(utc("2026-12-02T10:00:10Z"));
        assertThat(schedules.nextSlot(everyTenSeconds, Instant.parse("2026-12-02T10:00:10Z")))
                .as("a slot exactly on the grid is followed by the next one")
                .isEqualTo(utc("2026-12-02T10:00:20Z"));
        assertThat(Schedules.nextSlot(Instant.parse("2026-12-02T11:00:00Z"), 10_000L, NOW))
                .as("before the first fire, the first fire")
                .isEqualTo(utc("2026-12-02T11:00:00Z"));
    }

    @Test
    void aFixedDelayStartsAtRunAtOrAtOnceAndHasNoSlots() {
        Recurrence delay = new Recurrence(null, null, null, null, 30_000L, null);

        assertThat(schedules.first(delay, NOW)).isEqualTo(LocalDateTime.ofInstant(NOW, ZoneOffset.UTC));
        assertThat(schedules.nextSlot(delay, NOW))
                .as("counted from the end of each run instead")
                .isNull();
        Recurrence later = new Recurrence(null, null, null, null, 30_000L, utc("2026-12-24T10:00:00Z"));
        assertThat(schedules.first(later, NOW)).isEqualTo(utc("2026-12-24T10:00:00Z"));
    }

    @Test
    void runAtAloneFiresOnceAndAOneShotTaskHasNoScheduleAtAll() {
        Recurrence once = new Recurrence(null, null, null, null, null, utc("2026-12-24T10:00:00Z"));
        assertThat(schedules.first(once, NOW)).isEqualTo(utc("2026-12-24T10:00:00Z"));
        assertThat(schedules.nextSlot(once, NOW)).isNull();
        assertThat(once.scheduled()).isTrue();

        Recurrence none = new Recurrence(null, null, null, null, null, null);
        assertThat(none.scheduled()).isFalse();
        assertThat(schedules.first(none, NOW)).isNull();
        assertThat(schedules.nextSlot(none, NOW)).isNull();
    }

    @Test
    void cronSlotsComeFromTheExpressionInItsZone() {
        Recurrence daily = new Recurrence("0 0 2 * * *", CronFlavour.SPRING, "Asia/Shanghai", null, null, null);
        assertThat(schedules.first(daily, NOW)).isEqualTo(utc("2026-12-02T18:00:00Z"));
        assertThat(schedules.nextSlot(daily, Instant.parse("2026-12-02T18:00:00Z")))
                .isEqualTo(utc("2026-12-03T18:00:00Z"));
    }

    private static LocalDateTime utc(String instant) {
        return LocalDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void fixedRateSlotsInASpanAreCountedOnTheGridEndsIncluded() {
        Instant anchor = Instant.parse("2026-12-02T10:00:00Z");

        SlotSpan span = Schedules.slotsBetween(
                anchor, 10_000L, Instant.parse("2026-12-02T10:00:10Z"), Instant.parse("2026-12-02T10:00:40Z"));
        assertThat(span)
                .as("after a slot, up to and with one")
                .isEqualTo(new SlotSpan(
                        3,
                        false,
                        utc("2026-12-02T10:00:20Z"),
                        utc("2026-12-02T10:00:40Z"),
                        utc("2026-12-02T10:00:30Z")));
        assertThat(Schedules.slotsBetween(anchor, 10_000L, NOW, Instant.parse("2026-12-02T10:00:09.999Z")))
                .isEqualTo(SlotSpan.NONE);
        assertThat(Schedules.slotsBetween(
                        anchor, 10_000L, Instant.parse("2026-12-02T09:00:00Z"), Instant.parse("2026-12-02T10:00:05Z")))
                .as("from before the first fire: the first fire is the first slot")
                .isEqualTo(new SlotSpan(1, false, utc("2026-12-02T10:00:00Z"), utc("2026-12-02T10:00:00Z"), null));
        assertThat(schedules.slotsBetween(
                        new Recurrence(null, null, null, null, 30_000L, null), NOW, NOW.plusSeconds(90)))
                .as("a fixed delay has no slots")
                .isEqualTo(SlotSpan.NONE);
    }

    @Test
    void cronSlotsInASpanAreCountedUpToTheLimitAndTheLastTwoAreFoundAnyway() {
        CronSchedule cron = new CronSchedule();
        Instant after = Instant.parse("2026-12-02T10:00:00Z");

        assertThat(cron.slots(
                        "* * * * * *", CronFlavour.SPRING, null, after, Instant.parse("2026-12-02T10:00:03.5Z"), 10))
                .isEqualTo(new SlotSpan(
                        3,
                        false,
                        utc("2026-12-02T10:00:01Z"),
                        utc("2026-12-02T10:00:03Z"),
                        utc("2026-12-02T10:00:02Z")));
        assertThat(cron.slots("* * * * * *", CronFlavour.SPRING, null, after, Instant.parse("2026-12-02T10:01:40Z"), 5))
                .isEqualTo(new SlotSpan(
                        5,
                        true,
                        utc("2026-12-02T10:00:01Z"),
                        utc("2026-12-02T10:01:40Z"),
                        utc("2026-12-02T10:01:39Z")));
        assertThat(cron.slots("0 0 * * * *", CronFlavour.SPRING, null, after, Instant.parse("2026-12-03T09:30:00Z"), 3))
                .as("sparse slots: the last two are an hour apart, found by looking back")
                .isEqualTo(new SlotSpan(
                        3,
                        true,
                        utc("2026-12-02T11:00:00Z"),
                        utc("2026-12-03T09:00:00Z"),
                        utc("2026-12-03T08:00:00Z")));
        assertThat(cron.slots(
                        "0 0 9 * * *",
                        CronFlavour.SPRING,
                        "Asia/Shanghai",
                        after,
                        Instant.parse("2026-12-04T00:59:59Z"),
                        10))
                .as("read in the task's zone: 09:00 in Shanghai is 01:00 UTC")
                .isEqualTo(new SlotSpan(1, false, utc("2026-12-03T01:00:00Z"), utc("2026-12-03T01:00:00Z"), null));
        assertThat(cron.slots("* * * * * *", CronFlavour.SPRING, null, after, after, 10))
                .isEqualTo(SlotSpan.NONE);
    }
}
