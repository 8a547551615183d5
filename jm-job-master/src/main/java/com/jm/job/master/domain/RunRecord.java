package com.jm.job.master.domain;

import java.time.LocalDateTime;
import lombok.Getter;
import lombok.Setter;

/** A row of {@code jm_task_run}: one execution. */
@Getter
@Setter
public class RunRecord {
    private Long id;
    private long taskId;
    /** Null on the record of a fire of several runs and on a SKIPPED row: no node ran it. */
    private Long nodeId;

    private int attempt;
    private Trigger triggerType;
    /** The params the run got when its fire was triggered with its own; null: the task's params. */
    private String params;
    /** The parent task's run whose success started this run's fire, if any. */
    private Long parentRunId;

    private RunState state;
    private LocalDateTime scheduledAt;
    private LocalDateTime startedAt;
    private LocalDateTime finishedAt;
    private Long durationMs;
    private String message;
    /** The run row of the fire this run is one of, when the fire had several; else null. */
    private Long fireId;
    /** Which of the fire's runs: the shard, or the node's position in a broadcast; else null. */
    private Integer shardIndex;
    /** On a fire's record and its runs: how many runs the fire has; else null. */
    private Integer shardTotal;
}
