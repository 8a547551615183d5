package com.jm.job.master.web;

import com.jm.job.master.domain.RunRecord;
import com.jm.job.master.domain.RunState;
import com.jm.job.master.domain.Trigger;
import com.jm.job.master.security.ParamsCipher;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;

/**
 * One execution in a task's history. {@code lateMs} is how long after it was due the run started
 * (a cron slot fired after downtime shows it here). {@code params} are the params the run got when
 * its fire was triggered with its own; absent, it ran with the task's. {@code parentRunId} names the
 * parent task's run whose success started this run's fire (trigger CHILD). A fire of several runs
 * (broadcast, shards) has a record of its own, with no node and {@code shardTotal} set, whose end
 * is the fire's; each of its runs names it in {@code fireId}. A {@code SKIPPED} row is not an
 * execution: it records the slots a fire's overlap policy left out (one row per fire, the first
 * slot as {@code scheduledAt}, all of them in the message), with no node, attempt 0 and no run time.
 */
public record RunView(
        @Schema(description = "run id", example = "1001") long id,
        @Schema(description = "the task", example = "42") long taskId,
        @Schema(
                        description = "the node that ran it; absent on the record of a fire of several runs and on a"
                                + " SKIPPED row",
                        example = "7")
                Long nodeId,
        @Schema(description = "attempt number, from 1; 0 on a SKIPPED row", example = "1") int attempt,
        @Schema(description = "what started it", example = "MANUAL") Trigger trigger,
        @Schema(description = "the params its fire was triggered with; absent: the task's", example = "day=2026-12-01")
                String params,
        @Schema(description = "the parent task's run whose success started this fire (trigger CHILD)", example = "990")
                Long parentRunId,
        @Schema(
                        description = "where it is: RUNNING, then how it ended; SKIPPED: slots of a recurring task"
                                + " that never ran because a fire of it was still running (its overlap policy),"
                                + " counted and named in the message",
                        example = "SUCCEEDED")
                RunState state,
        @Schema(
                        description = "when it was due (UTC), if scheduled; on a SKIPPED row the first skipped slot",
                        example = "2026-12-01T09:30:00Z")
                Instant scheduledAt,
        @Schema(description = "how long after it was due it started; absent on a SKIPPED row", example = "12")
                Long lateMs,
        @Schema(
                        description = "start (UTC); on a SKIPPED row when the skip was recorded",
                        example = "2026-12-01T09:30:00Z")
                Instant startedAt,
        @Schema(description = "end (UTC), when finished", example = "2026-12-01T09:30:01Z") Instant finishedAt,
        @Schema(description = "run time; 0 on a SKIPPED row", example = "35") Long durationMs,
        @Schema(
                        description = "failure message or short note; on a SKIPPED row how many slots, which, during"
                                + " which run and under which overlap policy",
                        example = "sent 12 invoices")
                String message,
        @Schema(
                        description =
                                "the record of the fire this run is one of, when the fire has several runs (broadcast, shards)",
                        example = "1000")
                Long fireId,
        @Schema(description = "which of the fire's runs: the shard, or the node's place in a broadcast", example = "3")
                Integer shardIndex,
        @Schema(
                        description = "how many runs the fire has (on the fire's record and on each of its runs)",
                        example = "10")
                Integer shardTotal) {

    public static RunView of(RunRecord r) {
        return new RunView(
                r.getId(),
                r.getTaskId(),
                r.getNodeId(),
                r.getAttempt(),
                r.getTriggerType(),
                // A sensitive task's trigger params are stored encrypted: never shown.
                ParamsCipher.keyIdOf(r.getParams()) != null ? TaskView.MASK : r.getParams(),
                r.getParentRunId(),
                r.getState(),
                Times.utc(r.getScheduledAt()),
                // A skipped slot never started: its start is when the skip was recorded.
                r.getScheduledAt() == null || r.getState() == RunState.SKIPPED
                        ? null
                        : Math.max(
                                0,
                                Duration.between(r.getScheduledAt(), r.getStartedAt())
                                        .toMillis()),
                Times.utc(r.getStartedAt()),
                Times.utc(r.getFinishedAt()),
                r.getDurationMs(),
                r.getMessage(),
                r.getFireId(),
                r.getShardIndex(),
                r.getShardTotal());
    }
}
