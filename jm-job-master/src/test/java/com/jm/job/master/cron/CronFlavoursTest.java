package com.jm.job.master.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jm.job.master.domain.CronFlavour;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What each flavour means where Quartz cannot be the reference: the issue's example in both
 * readings, Unix cron's either-day rule, and SPRING's and UNIX's own readings of daylight-saving
 * changes (Europe/Berlin: 2026-03-29 02:00 → 03:00, 2026-10-25 03:00 → 02:00).
 */
class CronFlavoursTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void theIssuesExampleIsTheThirdFridayAsQuartzAndTheThirdSaturdayAsSpring() {
        Instant december = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(fires(CronFlavour.QUARTZ, "0 0 10 ? * 6#3", UTC, december, 3))
                .containsExactly("2026-12-18T10:00Z[UTC]", "2027-01-15T10:00Z[UTC]", "2027-02-19T10:00Z[UTC]");
        assertThat(fires(CronFlavour.SPRING, "0 0 10 ? * 6#3", UTC, december, 1))
                .containsExactly("2026-12-19T10:00Z[UTC]");
    }

    @Test
    void unixFiresOnEitherDayFieldWhenBothAreRestrictedAndOnBothWhenOneStartsWithAStar() {
        Instant december = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(fires(CronFlavour.UNIX, "0 0 1 * MON", UTC, december, 5))
                .as("the 1st, and every Monday")
                .containsExactly(
                        "2026-12-07T00:00Z[UTC]",
                        "2026-12-14T00:00Z[UTC]",
                        "2026-12-21T00:00Z[UTC]",
                        "2026-12-28T00:00Z[UTC]",
                        "2027-01-01T00:00Z[UTC]");
        assertThat(fires(CronFlavour.UNIX, "0 0 */2 * MON", UTC, december, 2))
                .as("'*/2' starts with '*': Mondays on odd days only, as Vixie cron reads it")
                .containsExactly("2026-12-07T00:00Z[UTC]", "2026-12-21T00:00Z[UTC]");
        assertThat(fires(CronFlavour.UNIX, "@weekly", UTC, december, 1)).containsExactly("2026-12-06T00:00Z[UTC]");
    }

    @Test
    void unixRunsAFixedTimeJobOnceAtDaylightSavingChangesAndAWildcardJobByTheWallClock() {
        Instant beforeSpring = Instant.parse("2026-03-28T12:00:00Z");
        assertThat(fires(CronFlavour.UNIX, "30 2 * * *", BERLIN, beforeSpring, 2))
                .as("02:30 is skipped: it runs at the jump")
                .containsExactly("2026-03-29T03:00+02:00[Europe/Berlin]", "2026-03-30T02:30+02:00[Europe/Berlin]");
        assertThat(fires(CronFlavour.UNIX, "*/30 * * * *", BERLIN, Instant.parse("2026-03-29T00:15:00Z"), 2))
                .as("a wildcard job has no fire in the skipped hour")
                .containsExactly("2026-03-29T01:30+01:00[Europe/Berlin]", "2026-03-29T03:00+02:00[Europe/Berlin]");
        Instant beforeAutumn = Instant.parse("2026-10-24T12:00:00Z");
        assertThat(fires(CronFlavour.UNIX, "30 2 * * *", BERLIN, beforeAutumn, 2))
                .as("02:30 is shown twice: it runs the first time only")
                .containsExactly("2026-10-25T02:30+02:00[Europe/Berlin]", "2026-10-26T02:30+01:00[Europe/Berlin]");
        assertThat(fires(CronFlavour.UNIX, "0,30 * * * *", BERLIN, Instant.parse("2026-10-24T23:45:00Z"), 5))
                .as("a wildcard job runs at both showings of the repeated hour")
                .containsExactly(
                        "2026-10-25T02:00+02:00[Europe/Berlin]",
                        "2026-10-25T02:30+02:00[Europe/Berlin]",
                        "2026-10-25T02:00+01:00[Europe/Berlin]",
                        "2026-10-25T02:30+01:00[Europe/Berlin]",
                        "2026-10-25T03:00+01:00[Europe/Berlin]");
    }

    @Test
    void quartzSkipsASkippedTimeAndFiresARepeatedOneOnceTheSecondTimeWhileSpringFiresItTwice() {
        assertThat(fires(CronFlavour.QUARTZ, "0 30 2 * * ?", BERLIN, Instant.parse("2026-03-28T12:00:00Z"), 1))
                .containsExactly("2026-03-30T02:30+02:00[Europe/Berlin]");
        Instant beforeAutumn = Instant.parse("2026-10-24T12:00:00Z");
        assertThat(fires(CronFlavour.QUARTZ, "0 30 2 * * ?", BERLIN, beforeAutumn, 2))
                .containsExactly("2026-10-25T02:30+01:00[Europe/Berlin]", "2026-10-26T02:30+01:00[Europe/Berlin]");
        assertThat(fires(CronFlavour.SPRING, "0 30 2 * * *", BERLIN, beforeAutumn, 3))
                .containsExactly(
                        "2026-10-25T02:30+02:00[Europe/Berlin]",
                        "2026-10-25T02:30+01:00[Europe/Berlin]",
                        "2026-10-26T02:30+01:00[Europe/Berlin]");
    }

    @Test
    void aRefusalNamesTheFlavourTheReasonAndTheFlavoursThatDoReadIt() {
        CronSchedule schedule = new CronSchedule();
        assertThatThrownBy(() -> schedule.validate(
                        "0 0 10 ? * 6#3 2027", CronFlavour.SPRING, null, Instant.parse("2026-12-01T00:00:00Z")))
                .isInstanceOfSatisfying(InvalidCronException.class, e -> {
                    assertThat(e.field()).isEqualTo("cron");
                    assertThat(e.flavour()).isEqualTo(CronFlavour.SPRING);
                    assertThat(e.getMessage())
                            .startsWith("invalid SPRING cron expression '0 0 10 ? * 6#3 2027': ")
                            .contains("as QUARTZ it reads, and fires 2027-01-15T10:00:00Z");
                    assertThat(e.otherReadings()).singleElement().satisfies(r -> assertThat(r.flavour())
                            .isEqualTo(CronFlavour.QUARTZ));
                });
        assertThatThrownBy(() -> schedule.validate("30 6 * * 1#2", CronFlavour.UNIX, null, Instant.EPOCH))
                .hasMessageContaining("Unix cron has no ?, L, W or #");
        assertThatThrownBy(() -> schedule.validate("0 0 10 ? * MON-FRI/2", CronFlavour.QUARTZ, null, Instant.EPOCH))
                .hasMessageContaining("Quartz ignores a step after a name");
        assertThatThrownBy(() -> schedule.validate("0 0 25 ? * MON", CronFlavour.QUARTZ, null, Instant.EPOCH))
                .hasMessageContaining("hour: value 25 is outside 0-23");
    }

    private static List<String> fires(CronFlavour flavour, String text, ZoneId zone, Instant after, int count) {
        return CronReading.fires(CronFlavours.read(flavour, text), zone, after, count).stream()
                .map(ZonedDateTime::toString)
                .toList();
    }
}
