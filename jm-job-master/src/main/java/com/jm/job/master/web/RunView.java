package com.jm.job.master.web;

import com.jm.job.master.domain.RunRecord;
import com.jm.job.master.domain.RunState;
import com.jm.job.master.domain.Trigger;
import java.time.Duration;
import java.time.Instant;

/**
 * One execution in a task's history. {@code lateMs} is how long after it was due the run started
 * (a cron slot fired after downtime shows it here). {@code params} are the params the run got when
 * its fire was triggered with its own; absent, it ran with the task's. {@code parentRunId} names the
 * parent task's run whose success started this run's fire (trigger CHILD).
 */
public record RunView(
        long id,
        long taskId,
        long nodeId,
        int attempt,
        Trigger trigger,
        String params,
        Long parentRunId,
        RunState state,
        Instant scheduledAt,
        Long lateMs,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        String message) {

    static RunView of(RunRecord r) {
        return new RunView(
                r.getId(),
                r.getTaskId(),
                r.getNodeId(),
                r.getAttempt(),
                r.getTriggerType(),
                r.getParams(),
                r.getParentRunId(),
                r.getState(),
                Times.utc(r.getScheduledAt()),
                r.getScheduledAt() == null
                        ? null
                        : Math.max(
                                0,
                                Duration.between(r.getScheduledAt(), r.getStartedAt())
                                        .toMillis()),
                Times.utc(r.getStartedAt()),
                Times.utc(r.getFinishedAt()),
                r.getDurationMs(),
                r.getMessage());
    }
}
