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

    /**
     * How many cron slots {@link #slotsBetween} counts one by one: a per-second cron over a run of
     * almost three hours. Past it the count is reported as "more than", which keeps a finish
     * report's work bounded however long the run was.
     */
    static final int CRON_COUNT_LIMIT = 10_000;

    private final CronSchedule cron;

    public Schedules(CronSchedule cron) {
        this.cron = cron;
    }

    /** The first fire time of a task defined at {@code now}; null for a one-shot task. */
    public LocalDateTime first(Recurrence r, Instant now) {
        if (r.cron() != null) {
            return cron.nextFireTime(r.cron(), r.cronFlavour(), r.zone(), now);
        }
        if (r.runAt() != null) {
            return r.runAt();
        }
        return r.fixedDelayMs() != null ? utc(now) : null;
    }

    /**
     * The first cron or fixed-rate slot strictly after {@code from}, null when the task has no slots
     * (a fixed delay is counted from the end of the run by the statement that ends it).
     */
    public LocalDateTime nextSlot(Recurrence r, Instant from) {
        if (r.cron() != null) {
            return cron.nextFireTime(r.cron(), r.cronFlavour(), r.zone(), from);
        }
        if (r.fixedRateMs() != null) {
            return nextSlot(r.runAt().toInstant(ZoneOffset.UTC), r.fixedRateMs(), from);
        }
        return null;
    }

    /**
     * The cron or fixed-rate slots in ({@code after}, {@code upTo}]: the slots that fell due in that
     * span. None for a task without slots. A cron schedule's are counted up to {@link
     * #CRON_COUNT_LIMIT}; a fixed rate's are arithmetic, so always exact.
     */
    public SlotSpan slotsBetween(Recurrence r, Instant after, Instant upTo) {
        if (r.cron() != null) {
            return cron.slots(r.cron(), r.cronFlavour(), r.zone(), after, upTo, CRON_COUNT_LIMIT);
        }
        if (r.fixedRateMs() != null) {
            return slotsBetween(r.runAt().toInstant(ZoneOffset.UTC), r.fixedRateMs(), after, upTo);
        }
        return SlotSpan.NONE;
    }

    /** The slots of the grid {@code anchor + k × rateMs} in ({@code after}, {@code upTo}]. */
    static SlotSpan slotsBetween(Instant anchor, long rateMs, Instant after, Instant upTo) {
        if (upTo.isBefore(anchor)) {
            return SlotSpan.NONE;
        }
        long first =
                after.isBefore(anchor) ? 0 : Duration.between(anchor, after).toMillis() / rateMs + 1;
        long last = Duration.between(anchor, upTo).toMillis() / rateMs;
        if (last < first) {
            return SlotSpan.NONE;
        }
        return new SlotSpan(
                last - first + 1,
                false,
                utc(anchor.plusMillis(first * rateMs)),
                utc(anchor.plusMillis(last * rateMs)),
                last > first ? utc(anchor.plusMillis((last - 1) * rateMs)) : null);
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
