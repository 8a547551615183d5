package com.jm.job.master.store;

import com.jm.job.master.cron.Recurrence;
import com.jm.job.master.domain.CronFlavour;
import com.jm.job.master.domain.OverlapPolicy;
import com.jm.job.master.domain.RunMode;
import com.jm.job.master.domain.Trigger;
import java.time.LocalDateTime;
import lombok.Getter;
import lombok.Setter;

/** A due task locked by a claim, with what its run row needs. */
@Getter
@Setter
public class ClaimCandidate {
    private long id;
    private String name;
    private String beanName;
    /** The params this run gets: the fire's own when it was triggered with them, else the task's. */
    private String params;
    /** The fire's own params, recorded on the run; null when it runs the task's. */
    private String fireParams;
    /** The parent run that started this fire, recorded on the run; null for other fires. */
    private Long parentRunId;
    /** Whether params are stored encrypted (and shown masked). */
    private boolean paramsSensitive;

    private int attempt;
    private Integer timeoutS;
    private Trigger pendingCause;
    /** When the run was due (the cron slot, the retry time); later than now means it starts late. */
    private LocalDateTime nextFireTime;
    /** The database clock when the row was locked: the run's start, for how late it started. */
    private LocalDateTime dbNow;
    /** The run id, filled in by the run insert's generated keys. */
    private Long runId;

    private long groupId;
    private int priority;
    private boolean retry;
    private int maxRetries;
    /** Tags a node needs (stored form), or null. */
    private String tags;

    private RunMode runMode;
    private int shards;
    /** On a unit: the task whose fire it is a run of, its shard and the fire's run row; null else. */
    private Long unitOf;

    private Integer shardIndex;
    private Integer shardTotal;
    private String shardParam;
    private Long fireRunId;

    private OverlapPolicy overlapPolicy;
    private int maxConcurrentFires;
    private String cron;
    /** The column is never null; the default only serves rows built by hand. */
    private CronFlavour cronFlavour = CronFlavour.SPRING;

    private String cronZone;
    private Long fixedRateMs;
    private LocalDateTime runAt;

    /**
     * Whether a claim of this row starts a fire of units rather than handing out one run: a fire of
     * several runs, or a fire that runs beside others of its task (overlap PARALLEL on a slotted
     * schedule; a fixed delay counts from the previous fire's end, so its fires never overlap).
     */
    public boolean startsMultiRunFire() {
        return unitOf == null && (runMode == RunMode.BROADCAST || shards > 1 || runsBeside());
    }

    /** Whether fires of this task may run side by side (overlap PARALLEL, more than one at once). */
    public boolean runsBeside() {
        return overlapPolicy == OverlapPolicy.PARALLEL
                && maxConcurrentFires > 1
                && (cron != null || fixedRateMs != null);
    }

    /** The task's slots, for the next one after a fire that runs beside it. */
    public Recurrence recurrence() {
        return new Recurrence(cron, cronFlavour, cronZone, fixedRateMs, null, runAt);
    }
}
