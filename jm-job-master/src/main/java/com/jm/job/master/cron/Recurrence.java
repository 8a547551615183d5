package com.jm.job.master.cron;

import com.jm.job.master.domain.CronFlavour;
import java.time.LocalDateTime;

/**
 * How a task fires again: a cron expression (in a zone), a fixed rate (slots every so many
 * milliseconds from {@code runAt}), a fixed delay (the next fire so long after the previous run
 * finished, the first at {@code runAt}), or {@code runAt} alone (one fire then). All null: a
 * one-shot task, due when it is created or retried.
 *
 * @param cronFlavour the dialect {@code cron} is written in (with a cron only)
 * @param runAt UTC, by the database clock
 */
public record Recurrence(
        String cron, CronFlavour cronFlavour, String zone, Long fixedRateMs, Long fixedDelayMs, LocalDateTime runAt) {

    /** Whether the task has a schedule at all (otherwise it runs when created or retried). */
    public boolean scheduled() {
        return cron != null || fixedRateMs != null || fixedDelayMs != null || runAt != null;
    }
}
