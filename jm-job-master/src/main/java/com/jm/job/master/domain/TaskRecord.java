package com.jm.job.master.domain;

import java.time.LocalDateTime;
import java.util.List;
import lombok.Getter;
import lombok.Setter;

/** A row of {@code jm_task}. Times are UTC. Never leaves the master: the API has its own types. */
@Getter
@Setter
public class TaskRecord {
    private Long id;
    private String name;
    private String beanName;
    private TaskStatus status;
    private boolean disable;
    private boolean retry;
    private long groupId;
    /** {@link TaskPriority#MIN} to {@link TaskPriority#MAX}; higher is claimed first. */
    private int priority;

    private String cron;
    /** The dialect {@link #cron} is written in; SPRING for a task without a cron. */
    private CronFlavour cronFlavour = CronFlavour.SPRING;

    private String cronZone;
    /** Fixed-rate schedule: a slot every so many milliseconds from {@link #runAt}. */
    private Long fixedRateMs;
    /** Fixed-delay schedule: the next fire this long after the previous run finished. */
    private Long fixedDelayMs;
    /** First fire time of a fixed-rate or fixed-delay schedule, or the only one of a run-at task. */
    private LocalDateTime runAt;

    private String params;
    /** The params of the current fire when it was triggered with its own; null: {@link #params}. */
    private String fireParams;
    /** The parent run that started the current fire, when a parent's success fired this task. */
    private Long parentRunId;
    /** Tasks that get a fire when a fire of this one succeeds (filled by the service, not a column). */
    private List<Long> childTaskIds = List.of();
    /** Whether params are stored encrypted (and shown masked). */
    private boolean paramsSensitive;

    /** One run per fire (or per shard), or one per node of the group. */
    private RunMode runMode = RunMode.SINGLE;
    /** Runs per fire of a {@link RunMode#SINGLE} task: more than one makes it sharded. */
    private int shards = 1;
    /** Per-shard parameters as a JSON array of strings, or null. */
    private String shardParams;
    /** The same, read (filled by the service, not a column). */
    private List<String> shardParamValues = List.of();
    /** Why a pending task is not claimed, when the master can tell (filled by the service). */
    private String waitingFor;
    /** Tags a node must all have to run the task, in {@link Tags}' stored form; null for any node. */
    private String tags;

    private OverlapPolicy overlapPolicy = OverlapPolicy.SKIP;
    private int maxConcurrentFires = 1;

    /** On a unit row (one run of a multi-run fire): the task it is a run of; null on tasks. */
    private Long unitOf;

    private Integer shardIndex;
    private Integer shardTotal;

    private LocalDateTime nextFireTime;
    private Trigger pendingCause;
    private int maxRetries;
    private int attempt;
    private Integer timeoutS;
    private Long runId;
    private Long nodeId;
    private LocalDateTime leaseUntil;
    private long version;
    private String lastError;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
