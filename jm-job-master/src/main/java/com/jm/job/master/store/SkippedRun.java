package com.jm.job.master.store;

import com.jm.job.master.domain.Trigger;
import java.time.LocalDateTime;

/**
 * A history row for slots that never ran: they fell due while a fire of the task was running and
 * its overlap policy left them out. One row stands for all the slots one fire skipped.
 *
 * @param taskId the task
 * @param trigger what would have fired them: {@link Trigger#CRON} or {@link Trigger#SCHEDULE}
 * @param scheduledAt the first of them (UTC)
 * @param message how many, which, during which run and under which policy
 */
public record SkippedRun(long taskId, Trigger trigger, LocalDateTime scheduledAt, String message) {}
