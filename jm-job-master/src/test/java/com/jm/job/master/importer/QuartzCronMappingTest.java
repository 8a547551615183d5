package com.jm.job.master.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jm.job.master.cron.CronSchedule;
import com.jm.job.master.domain.CronFlavour;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Quartz-syntax cron of both sources becomes a task's cron unchanged, in the QUARTZ flavour, read as Quartz reads it. */
class QuartzCronMappingTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private final CronSchedule schedule = new CronSchedule();
    private final QuartzCronMapping crons = new QuartzCronMapping(schedule, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theThirdFridayInQuartzIsKeptAsItIsAndFiresOnTheThirdFriday() {
        String cron = crons.map("0 0 10 ? * 6#3", "UTC");

        assertThat(cron).isEqualTo("0 0 10 ? * 6#3");
        assertThat(QuartzCronMapping.FLAVOUR).isEqualTo(CronFlavour.QUARTZ);
        assertThat(schedule.nextFireTime(cron, QuartzCronMapping.FLAVOUR, "UTC", NOW))
                .isEqualTo(LocalDateTime.parse("2026-12-18T10:00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 0 * * ? *", "0 30 9 ? * 2-6", "0 0 23 ? * 6L", "0 0 12 15W * ?", "0 0 12 ? * L"})
    void everyQuartzFormIsKeptUnchanged(String quartz) {
        assertThat(crons.map(quartz, "Asia/Shanghai")).isEqualTo(quartz);
    }

    @Test
    void monToFriInQuartzNumbersFiresOnMonday() {
        // Quartz 2-6 is Monday to Friday: from Saturday 2026-12-05 the next fire is Monday the 7th.
        String cron = crons.map("0 30 9 ? * 2-6", "UTC");

        assertThat(schedule.nextFireTime(cron, QuartzCronMapping.FLAVOUR, "UTC", Instant.parse("2026-12-05T00:00:00Z")))
                .isEqualTo(LocalDateTime.parse("2026-12-07T09:30"));
    }

    @Test
    void aYearFieldIsKeptAndOneOfYearsGoneByIsRefused() {
        assertThat(schedule.nextFireTime(crons.map("0 0 0 1 1 ? 2027", "UTC"), QuartzCronMapping.FLAVOUR, "UTC", NOW))
                .isEqualTo(LocalDateTime.parse("2027-01-01T00:00"));
        assertThatThrownBy(() -> crons.map("0 0 0 1 1 ? 2020", "UTC"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cron '0 0 0 1 1 ? 2020' never fires again (its years are past)");
    }

    @Test
    void anExpressionOfTheWrongShapeIsRefusedNamingTheFlavour() {
        assertThatThrownBy(() -> crons.map("0 0 * * *", "UTC")).hasMessageContaining("invalid QUARTZ cron expression");
        assertThatThrownBy(() -> crons.map("0 0 25 * * ?", "UTC")).hasMessageContaining("QUARTZ");
        assertThatThrownBy(() -> crons.map("0 0 1 ? * 8", "UTC")).hasMessageContaining("QUARTZ");
    }
}
