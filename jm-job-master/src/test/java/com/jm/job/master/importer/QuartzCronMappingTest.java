package com.jm.job.master.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.scheduling.support.CronExpression;

class QuartzCronMappingTest {

    @Test
    void theThirdFridayInQuartzIsTheThirdFridayForTheTask() {
        QuartzCronMapping.Mapped mapped = QuartzCronMapping.map("0 0 10 ? * 6#3");

        assertThat(mapped.cron()).isEqualTo("0 0 10 ? * 5#3");
        assertThat(CronExpression.parse(mapped.cron()).next(LocalDateTime.parse("2026-12-01T00:00")))
                .isEqualTo(LocalDateTime.parse("2026-12-18T10:00"));
        assertThat(mapped.note()).contains("day-of-week '6#3' written '5#3'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0 0 0 * * ? *|0 0 0 * * ?",
                "*/5 * * * * ?|*/5 * * * * ?",
                "0 30 9 ? * 2-6|0 30 9 ? * 1-5",
                "0 0 8 ? * 1,7|0 0 8 ? * 0,6",
                "0 0 8 ? * MON-FRI|0 0 8 ? * MON-FRI",
                "0 0 23 ? * 6L|0 0 23 ? * 5L",
                "0 0 12 ? * 2/2|0 0 12 ? * 1/2",
                "0 0 12 L * ?|0 0 12 L * ?",
                "0 0 12 15W * ?|0 0 12 15W * ?",
                "0 0 12 ? * L|0 0 12 ? * SAT"
            })
    void quartzDayOfWeekNumbersMoveOneDownAndAYearOfEveryYearIsDropped(String quartz, String spring) {
        assertThat(QuartzCronMapping.map(quartz).cron()).isEqualTo(spring);
    }

    @Test
    void theMappedExpressionFiresOnTheSameDaysAsQuartzWould() {
        // Quartz 2-6 is Monday to Friday: from Saturday 2026-12-05 the next fire is Monday the 7th.
        String cron = QuartzCronMapping.map("0 30 9 ? * 2-6").cron();

        assertThat(CronExpression.parse(cron).next(LocalDateTime.parse("2026-12-05T00:00")))
                .isEqualTo(LocalDateTime.parse("2026-12-07T09:30"));
    }

    @Test
    void aYearThatIsNotEveryYearCannotBeCarriedOver() {
        assertThatThrownBy(() -> QuartzCronMapping.map("0 0 0 1 1 ? 2027"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names the year(s) 2027");
    }

    @Test
    void anExpressionOfTheWrongShapeIsRefusedWithTheReason() {
        assertThatThrownBy(() -> QuartzCronMapping.map("0 0 * * *")).hasMessageContaining("has 5 fields");
        assertThatThrownBy(() -> QuartzCronMapping.map("0 0 25 * * ?")).hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> QuartzCronMapping.map("0 0 1 ? * 8")).hasMessageContaining("day-of-week 8");
    }
}
