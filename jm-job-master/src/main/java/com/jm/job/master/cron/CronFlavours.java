package com.jm.job.master.cron;

import com.jm.job.master.domain.CronFlavour;

/** Reads an expression in its flavour: the one place that knows which reader each flavour has. */
final class CronFlavours {

    private CronFlavours() {}

    /** @throws CronSyntaxException saying what is wrong, when the flavour cannot read it */
    static CronRule read(CronFlavour flavour, String expression) {
        return switch (flavour) {
            case SPRING -> SpringCronRule.parse(expression);
            case QUARTZ -> QuartzCron.parse(expression);
            case UNIX -> UnixCron.parse(expression);
        };
    }

    /** The expression's rule, or null when the flavour cannot read it. */
    static CronRule tryRead(CronFlavour flavour, String expression) {
        try {
            return read(flavour, expression);
        } catch (CronSyntaxException e) {
            return null;
        }
    }
}
