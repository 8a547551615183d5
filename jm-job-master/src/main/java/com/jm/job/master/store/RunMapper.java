package com.jm.job.master.store;

import com.jm.job.master.domain.RunRecord;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Reads and writes {@code jm_task_run}, the execution history. */
@Mapper
public interface RunMapper {

    /** A task's runs, newest first. */
    List<RunRecord> listByTask(@Param("taskId") long taskId, @Param("offset") long offset, @Param("limit") int limit);

    long countByTask(long taskId);

    /** Which task and node each of {@code runIds} belongs to (primary-key lookups, no locks). */
    List<RunOwner> owners(@Param("runIds") Batch<Long> runIds);
}
