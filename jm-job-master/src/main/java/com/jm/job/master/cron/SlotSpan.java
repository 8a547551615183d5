package com.jm.job.master.cron;

import java.time.LocalDateTime;

/**
 * The slots of a schedule in a span of time: how many, the first, the last and the one before it
 * (UTC, as stored).
 *
 * @param count how many; a cron schedule's are counted up to a limit, see {@code more}
 * @param more whether there are more than {@code count} (counting stopped at the limit); the last two
 *     are exact all the same
 * @param first the earliest, or null when there is none
 * @param last the latest, or null when there is none
 * @param beforeLast the one before {@code last}, or null when there is one at most
 */
public record SlotSpan(long count, boolean more, LocalDateTime first, LocalDateTime last, LocalDateTime beforeLast) {

    public static final SlotSpan NONE = new SlotSpan(0, false, null, null, null);

    public boolean isEmpty() {
        return count == 0;
    }
}
