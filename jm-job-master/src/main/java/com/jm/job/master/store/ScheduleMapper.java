package com.jm.job.master.store;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The master's own time-driven work: firing cron slots, trimming history. */
@Mapper
public interface ScheduleMapper {

    /** Locks idle, enabled cron tasks whose fire time has come (by the database clock). */
    List<FiredTask> lockDueCron(@Param("limit") int limit);

    /**
     * Moves cron tasks locked by {@link #lockDueCron} in the same transaction to pending. The lock
     * (taken with their status 0, skipping rows another master holds) is what lets exactly one
     * master fire a slot; the fire time stays as the task's due time.
     */
    int fire(@Param("tasks") List<FiredTask> tasks);

    /** Microseconds until the next cron slot of any enabled idle task, or null if none. */
    Long microsUntilNextCron();

    /** Up to {@code limit} ids of finished runs older than {@code retentionSeconds}, oldest first. */
    List<Long> finishedBefore(@Param("retentionSeconds") long retentionSeconds, @Param("limit") int limit);

    /** Deletes the given runs (found by {@link #finishedBefore}, their log lines deleted first). */
    int deleteRuns(@Param("runIds") List<Long> runIds);
}
