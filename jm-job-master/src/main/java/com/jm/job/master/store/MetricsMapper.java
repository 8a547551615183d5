package com.jm.job.master.store;

import com.jm.job.master.domain.GroupRecord;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/**
 * The counts behind the per-group gauges: each statement covers every group at once, so a refresh
 * costs the same three statements however many groups there are.
 */
@Mapper
public interface MetricsMapper {

    /** Every group's id and name: the tag values the metrics name groups by. */
    List<GroupRecord> groups();

    /** Per group: tasks (and units of fires) waiting to be claimed, enabled and due or not. */
    List<GroupLoad> pendingTasks();

    /** Per group: runs a node holds now (a fire's own task row, held by no node, is not one). */
    List<GroupLoad> runningTasks();

    /** Per group: enabled nodes that heartbeated within {@code offlineAfterMs}. */
    List<GroupLoad> onlineNodes(@Param("offlineAfterMs") long offlineAfterMs);
}
