package com.jm.job.master.store;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/**
 * Multi-run fires (sql/V8): the fire's run row, its unit rows in {@code jm_task}, and the end of the
 * fire when its last unit ends. Every statement runs in the caller's transaction; locks are taken
 * units first, then their task, the order a finish takes them in.
 */
@Mapper
public interface FireMapper {

    /** Inserts the fire's run row (RUNNING, no node); sets its id. */
    void insertFireRun(FireRun run);

    /** The task (locked by the claim) becomes RUNNING on no node and without a lease: its units hold the leases. */
    int startFire(@Param("taskId") long taskId, @Param("fireRunId") long fireRunId);

    /** The task's per-shard parameters (JSON), read only when a sharded fire starts. */
    String shardParams(@Param("taskId") long taskId);

    /**
     * Enabled, online nodes of the group that have all {@code tagMarks} (each {@code ",tag,"}), in
     * id order: who a broadcast fire's runs go to.
     */
    List<Long> broadcastNodes(
            @Param("groupId") long groupId,
            @Param("tagMarks") List<String> tagMarks,
            @Param("offlineAfterMs") long offlineAfterMs);

    /** Inserts pending unit rows of {@code parent}'s fire, claimable at once. */
    void insertUnits(
            @Param("parent") ClaimCandidate parent,
            @Param("fireRunId") long fireRunId,
            @Param("total") int total,
            @Param("units") Batch<Unit> units);

    /** The units of a task's fire, for the pending index. */
    List<UnitEntry> unitsOf(@Param("taskId") long taskId);

    /** Locks the units of a task (an operator's disable, before the task itself). */
    List<Long> lockUnitsOf(@Param("taskId") long taskId);

    /** Disables a task's units: pending ones never start, running ones are told to stop. */
    int disableUnits(@Param("taskId") long taskId);

    /**
     * Locks tasks (not units) whose fires may end, in id order, with what ending a fire needs (and
     * when the fire the task runs on started).
     */
    List<RunningTask> lockFireTasks(@Param("taskIds") List<Long> taskIds);

    /**
     * Whether a unit of the fire is still to run (running, or pending and enabled); stops at the
     * first one found by the unit index.
     */
    boolean hasUnfinishedUnit(@Param("taskId") long taskId, @Param("fireRunId") long fireRunId);

    /**
     * An unfinished unit of the fire that no other transaction holds, share-locked; {@code null}
     * when there is none (or the dialect does not probe). See the statement for why.
     */
    Long unlockedUnfinishedUnit(@Param("taskId") long taskId, @Param("fireRunId") long fireRunId);

    /** The fire's units by state; {@code null} when it has none. */
    UnitCount unitCount(@Param("taskId") long taskId, @Param("fireRunId") long fireRunId);

    /** How the failed units of a fire (ERROR: no retry left) ended their last runs, before they go. */
    List<UnitEnd> failedUnitEnds(@Param("taskId") long taskId, @Param("fireRunId") long fireRunId);

    /** The record runs of a task's running fires: those with units, and the one it is RUNNING on. */
    List<Long> runningFires(@Param("taskId") long taskId);

    /** How many fires of the task have units (run now). */
    int activeFires(@Param("taskId") long taskId);

    /**
     * The task (locked by the claim) goes back to its schedule while the fire it just started runs
     * beside it (overlap PARALLEL), its run id naming that fire.
     */
    int detachFire(
            @Param("taskId") long taskId,
            @Param("fireRunId") long fireRunId,
            @Param("next") java.time.LocalDateTime next);

    int deleteUnitsOfFire(@Param("taskId") long taskId, @Param("fireRunId") long fireRunId);

    /** The runs of the fire move onto the task, so its history holds them once the units are gone. */
    int moveUnitRuns(@Param("fireRunId") long fireRunId, @Param("taskId") long taskId);

    /**
     * Pending broadcast units, due, whose node is disabled, stopped or offline: they would wait for a
     * node that is not coming (not locked; {@link #lockStranded} locks and re-checks).
     */
    List<Long> strandedUnits(@Param("offlineAfterMs") long offlineAfterMs, @Param("limit") int limit);

    /** Locks those of {@code ids} still pending and enabled; answers the unit rows. */
    List<RunningTask> lockStranded(@Param("ids") List<Long> ids);

    /** Records a LOST run for each stranded unit and leaves the unit in error. */
    int insertStrandedRuns(@Param("ids") List<Long> ids, @Param("message") String message);

    int failStranded(@Param("ids") List<Long> ids, @Param("message") String message);
}
