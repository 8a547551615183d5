package com.jm.job.master.cron;

import java.time.ZonedDateTime;
import org.springframework.scheduling.support.CronExpression;

/** A {@link com.jm.job.master.domain.CronFlavour#SPRING} expression: Spring's own reading, unchanged. */
record SpringCronRule(CronExpression expression) implements CronRule {

    static SpringCronRule parse(String text) {
        try {
            return new SpringCronRule(CronExpression.parse(text));
        } catch (IllegalArgumentException e) {
            throw new CronSyntaxException(e.getMessage());
        }
    }

    @Override
    public ZonedDateTime next(ZonedDateTime after) {
        return expression.next(after);
    }
}
