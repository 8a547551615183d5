package com.jm.job.master.store;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** Which tasks get a fire when a fire of another succeeds ({@code jm_task_child}). */
@Mapper
public interface TaskChildMapper {

    /** The child edges of {@code parentIds}, for answers. */
    List<TaskChild> childrenOf(@Param("parentIds") List<Long> parentIds);

    /** The children of {@code parentIds}. */
    List<Long> childIds(@Param("parentIds") List<Long> parentIds);

    /**
     * Locks the task rows {@code ids} (in id order) and answers those that exist. A task's edges
     * change only while its row is locked, so a walk that locks each task before reading its edges
     * sees every edge a concurrent edit could add.
     */
    List<Long> lockTasks(@Param("ids") List<Long> ids);

    void deleteChildren(@Param("parentId") long parentId);

    /** Keeps {@code jm_task.has_children} in step with the task's edges. */
    void markHasChildren(@Param("parentId") long parentId, @Param("hasChildren") boolean hasChildren);

    /** Inserts many tasks' edges in one statement. */
    void insertEdges(@Param("edges") List<TaskChild> edges);

    /** Sets {@code has_children} of tasks created just now with children. */
    void markAllHaveChildren(@Param("parentIds") List<Long> parentIds);

    void insertChildren(@Param("parentId") long parentId, @Param("childIds") List<Long> childIds);

    /**
     * Gives each idle or failed, enabled child of a succeeded parent run a fire (trigger CHILD),
     * naming the parent run; a child that is pending, running or disabled is left as it is. Locks
     * the children by primary key, after the finish locked the parents.
     */
    int fireChildren(@Param("fires") List<ChildFire> fires);

    /** Those of {@code fires} that {@link #fireChildren} did fire, for the pending index. */
    List<PendingEntry> fired(@Param("fires") List<ChildFire> fires);
}
