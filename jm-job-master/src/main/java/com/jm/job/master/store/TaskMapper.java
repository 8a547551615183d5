package com.jm.job.master.store;

import com.jm.job.master.domain.TaskFilter;
import com.jm.job.master.domain.TaskRecord;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * Reads and writes {@code jm_task}. Every state change is one conditional UPDATE whose row count
 * tells whether it won; callers turn a 0 into 404 or 409.
 */
@Mapper
public interface TaskMapper {

    /**
     * Inserts a task and sets its id; a null {@code nextFireTime} means "now" by the database
     * clock. The one-row case of {@link #insertAll}, so both write the same columns from one
     * statement.
     */
    default void insert(TaskRecord task) {
        insertAll(List.of(task));
    }

    /**
     * Inserts the tasks in one statement (the caller keeps the list short enough for one packet)
     * and sets their ids, in the list's order.
     */
    void insertAll(@Param("tasks") List<TaskRecord> tasks);

    TaskRecord findById(long id);

    /** The tasks (not units) among {@code ids}, in no particular order. */
    List<TaskRecord> findByIds(@Param("ids") List<Long> ids);

    /**
     * A page of the matching tasks (not units), newest first, or oldest first with
     * {@code oldestFirst} (for pages nearer the end of the list, see {@code PageSlice}).
     */
    List<TaskRecord> list(
            @Param("f") TaskFilter filter,
            @Param("offset") long offset,
            @Param("limit") int limit,
            @Param("oldestFirst") boolean oldestFirst);

    long count(@Param("f") TaskFilter filter);

    /** Ids of the group's tasks (not units of a fire) with exactly this name, oldest first. */
    @Select("SELECT id FROM jm_task WHERE group_id = #{groupId} AND name = #{name} AND unit_of IS NULL ORDER BY id")
    List<Long> idsNamed(@Param("groupId") long groupId, @Param("name") String name);

    List<StatusCount> countByStatus(long groupId);

    long countDisabled(long groupId);

    /** Changes the definition unless the task runs (and, if given, unless its version moved on). */
    int update(@Param("task") TaskRecord task, @Param("expectedVersion") Long expectedVersion);

    /** Sets the disable flag; the version moves only when the flag changes. 0 rows: no such task. */
    int setDisabled(@Param("id") long id, @Param("disable") boolean disable);

    /** Makes a not-running, enabled task due now with a fresh attempt count. */
    /**
     * Makes the task due now as a manual fire with {@code params} for that fire only (null: the
     * task's own); 0 rows when it is running, disabled, gone or its group is paused.
     */
    int trigger(@Param("id") long id, @Param("params") String params);

    int retryNow(long id);
}
