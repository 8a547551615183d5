package com.jm.job.master.store;

import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.domain.Trigger;
import java.time.LocalDateTime;

/**
 * Where a finished run leaves its task. The next fire time is either absolute ({@code fireAt}, a
 * cron slot), relative to the database clock ({@code delayMs}, a retry back-off) or none.
 *
 * @param taskId the task
 * @param runId the run that finished; the update applies only while it is still the task's run
 * @param status the task's new status
 * @param fireAt next fire time (UTC), or null
 * @param delayMs delay from now by the database clock, or null
 * @param pendingCause why it is pending again, or null
 * @param lastError the error to keep, or null to clear it
 * @param resetAttempt start the attempt count afresh (after a success, so the next fire has its
 *     full retries)
 */
public record TaskTransition(
        long taskId,
        long runId,
        TaskStatus status,
        LocalDateTime fireAt,
        Long delayMs,
        Trigger pendingCause,
        String lastError,
        boolean resetAttempt) {}
