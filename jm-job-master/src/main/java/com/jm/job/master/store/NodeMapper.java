package com.jm.job.master.store;

import com.jm.job.master.domain.NodeRecord;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/**
 * Reads and writes {@code jm_node}. {@code offlineAfterMs} is how old a heartbeat may be for the
 * node to count as online, measured by the database clock.
 */
@Mapper
public interface NodeMapper {

    NodeRecord findById(@Param("id") long id, @Param("offlineAfterMs") long offlineAfterMs);

    List<NodeRecord> list(
            @Param("groupId") Long groupId,
            @Param("offlineAfterMs") long offlineAfterMs,
            @Param("offset") long offset,
            @Param("limit") int limit);

    long count(@Param("groupId") Long groupId);

    /**
     * How many runs each of {@code nodeIds} holds now (a fire's own task row, held by no node, is
     * not one); nodes holding none are left out. {@code groupIds} are the nodes' groups, so the
     * claim index serves the count.
     */
    List<NodeLoad> runningCounts(@Param("nodeIds") List<Long> nodeIds, @Param("groupIds") List<Long> groupIds);

    long countOnline(@Param("groupId") long groupId, @Param("offlineAfterMs") long offlineAfterMs);

    /** The tags (stored form; null for none) of each enabled, online node of the group. */
    List<String> onlineTags(@Param("groupId") long groupId, @Param("offlineAfterMs") long offlineAfterMs);

    /**
     * Registers a node, or re-registers one that restarted under the same instance name (keeping
     * an operator's disable flag).
     */
    void upsert(NodeRecord node);

    /** What dispatch needs to know of a node: its group, whether it is disabled or stopped, whether its group is paused. */
    NodeRecord dispatchState(@Param("id") long id);

    /**
     * The same, share-locking the node and group rows for the claim's transaction: a disable or a
     * pause waits for the claims that checked before it, and every claim after it sees it.
     */
    NodeRecord lockDispatchState(@Param("id") long id);

    Long findIdByInstance(@Param("groupId") long groupId, @Param("instance") String instance);

    /** Records a heartbeat; 0 rows when the node is unknown or has deregistered. */
    int touch(@Param("id") long id);

    /** {@link #touch} for many nodes at once; stopped ones are left stopped. */
    int touchAll(@Param("ids") java.util.Collection<Long> ids);

    /** Marks a node stopped after its graceful shutdown. */
    int deregister(@Param("id") long id);

    /** Sets the disable flag (locking the row, so a read after it in the transaction sees this state). */
    int setDisabled(@Param("id") long id, @Param("disable") boolean disable);
}
