package com.jm.job.master.cron;

import java.time.ZonedDateTime;

/** A cron expression read in its flavour: the times it fires. */
public interface CronRule {

    /**
     * The first fire time strictly after {@code after}, in {@code after}'s zone, or {@code null} if
     * the expression never fires again.
     */
    ZonedDateTime next(ZonedDateTime after);
}
