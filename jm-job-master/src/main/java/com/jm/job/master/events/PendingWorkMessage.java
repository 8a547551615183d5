package com.jm.job.master.events;

import java.util.Optional;

/**
 * The body of a message on the pending-work channel: {@code <groupId>:<tasks>}, or a bare {@code
 * <groupId>} when the count is not known (and from masters older than counts), which wakes every
 * poll held for the group. Reading never throws: a count that cannot be read is an unknown count,
 * so a damaged message costs spare looks, never a missed wake-up.
 *
 * @param groupId the group
 * @param tasks how many tasks became due, or {@link #UNKNOWN}
 */
record PendingWorkMessage(long groupId, int tasks) {

    /** The count is not known: every poll held for the group looks again. */
    static final int UNKNOWN = 0;

    static PendingWorkMessage unknownCount(long groupId) {
        return new PendingWorkMessage(groupId, UNKNOWN);
    }

    boolean counted() {
        return tasks > 0;
    }

    String body() {
        return counted() ? groupId + ":" + tasks : Long.toString(groupId);
    }

    /** @return empty when not even the group can be read */
    static Optional<PendingWorkMessage> parse(String body) {
        if (body == null) {
            return Optional.empty();
        }
        int colon = body.indexOf(':');
        Long groupId = parseLong(colon < 0 ? body : body.substring(0, colon));
        if (groupId == null) {
            return Optional.empty();
        }
        if (colon < 0) {
            return Optional.of(unknownCount(groupId));
        }
        Long tasks = parseLong(body.substring(colon + 1));
        boolean usable = tasks != null && tasks > 0 && tasks <= Integer.MAX_VALUE;
        return Optional.of(new PendingWorkMessage(groupId, usable ? tasks.intValue() : UNKNOWN));
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
