package com.jm.job.master.store;

import com.jm.job.master.cron.Recurrence;
import com.jm.job.master.domain.CronFlavour;
import com.jm.job.master.domain.OverlapPolicy;
import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.domain.Trigger;
import java.time.LocalDateTime;
import lombok.Getter;
import lombok.Setter;

/** A running task locked by a finish report, with what deciding its next state needs. */
@Getter
@Setter
public class RunningTask {
    private long id;
    private long groupId;
    /** What the pending index orders the task by when it goes back to pending. */
    private int priority;

    private long runId;
    private long nodeId;
    private String cron;
    /** The column is never null; the default only serves rows built by hand. */
    private CronFlavour cronFlavour = CronFlavour.SPRING;

    private String cronZone;
    private Long fixedRateMs;
    private Long fixedDelayMs;
    private LocalDateTime runAt;
    /** What the slots that fell due while this fire ran come to when it ends. */
    private OverlapPolicy overlapPolicy = OverlapPolicy.SKIP;

    private boolean retry;
    private int maxRetries;
    private int attempt;
    /** The slot (or retry time) the current run was due at; claims leave it as it was. */
    private LocalDateTime nextFireTime;
    /**
     * The database clock when the row was locked: what decides the task's next due time, so that
     * masters whose own clocks differ still agree on it.
     */
    private LocalDateTime dbNow;
    /** Whether the task has child tasks to fire when this run succeeds. */
    private boolean hasChildren;
    /** Tags a node needs to claim it (stored form), or null: which index lane it waits in. */
    private String tags;
    /** On a unit row: the task whose fire it is a run of; null on a task. */
    private Long unitOf;
    /** On a broadcast unit: the one node that may run it. */
    private Long targetNodeId;
    /** The slot the current fire is for (a cron or fixed-rate fire), kept through its retries. */
    private LocalDateTime fireSlot;
    /** When the current fire's first run started, by the database clock; null before its claim. */
    private LocalDateTime fireStartedAt;
    /** On a unit row: the record run of its fire. */
    private Long fireRunId;
    /** The task's status, where the statement reads it (a fire's end). */
    private TaskStatus status;
    /** Whether the node acknowledged the run (false only while a delivery lease runs). */
    private boolean delivered;
    /** What made the task pending for the current run (its trigger), kept through the run. */
    private Trigger pendingCause;
    /**
     * On a task whose fire of several runs is ending: when the fire's record run started (the claim
     * that started the fire); null elsewhere.
     */
    private LocalDateTime runStartedAt;

    /** The task's schedule, for working out its next fire. */
    public Recurrence recurrence() {
        return new Recurrence(cron, cronFlavour, cronZone, fixedRateMs, fixedDelayMs, runAt);
    }
}
