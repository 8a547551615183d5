package com.jm.job.master.cron;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * Fire times of every kind of schedule, from times the caller read off the database clock. Cron
 * slots come from the expression; fixed-rate slots lie on a grid anchored at {@code runAt}, so
 * they never drift however late a run ends; a fixed delay counts from the end of the previous run
 * (in the statement that ends it) and fires first at {@code runAt} or at once.
 */
@Component
public class Schedules {

    private final CronSchedule cron;

    public Schedules(CronSchedule cron) {
        this.cron = cron;
    }

    /** The first fire time of a task defined at {@code now}; null for a one-shot task. */
    public LocalDateTime first(Recurrence r, Instant now) {
        if (r.cron() != null) {
            return cron.nextFireTime(r.cron(), r.zone(), now);
        }
        if (r.runAt() != null) {
            return r.runAt();
        }
        return r.fixedDelayMs() != null ? utc(now) : null;
    }

    /**
     * The next cron or fixed-rate slot after a successful run, null when the task has no slots (a
     * fixed delay is counted from the end of the run by the statement that ends it). {@code from} is
     * the slot just run when it ran on time, else now, so missed slots fire once.
     */
    public LocalDateTime nextSlot(Recurrence r, Instant from) {
        if (r.cron() != null) {
            return cron.nextFireTime(r.cron(), r.zone(), from);
        }
        if (r.fixedRateMs() != null) {
            return nextSlot(r.runAt().toInstant(ZoneOffset.UTC), r.fixedRateMs(), from);
        }
        return null;
    }

    /** The first slot of the grid {@code anchor + k × rateMs} strictly after {@code after}. */
    static LocalDateTime nextSlot(Instant anchor, long rateMs, Instant after) {
        if (after.isBefore(anchor)) {
            return utc(anchor);
        }
        long since = Duration.between(anchor, after).toMillis();
        return utc(anchor.plusMillis((since / rateMs + 1) * rateMs));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
