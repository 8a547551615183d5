package com.jm.job.master.service;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.domain.GroupRecord;
import com.jm.job.master.domain.Tags;
import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.store.GroupMapper;
import com.jm.job.master.store.NodeMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Why a pending task is not being claimed, when the master can tell: its group is paused, no node of
 * the group is enabled and online, or none of them has all the task's tags. An operator otherwise
 * sees a task that is due and waits with no clue. Read per group once for a page of tasks.
 */
@Component
class PendingReasons {

    private final GroupMapper groups;
    private final NodeMapper nodes;
    private final long offlineAfterMs;

    PendingReasons(GroupMapper groups, NodeMapper nodes, JmJobMasterProperties properties) {
        this.groups = groups;
        this.nodes = nodes;
        this.offlineAfterMs = properties.getNodeOfflineAfter().toMillis();
    }

    /** Fills {@link TaskRecord#setWaitingFor} of the enabled pending ones among {@code tasks}. */
    void fill(List<TaskRecord> tasks) {
        Map<Long, Group> byGroup = new HashMap<>();
        for (TaskRecord task : tasks) {
            if (task.getStatus() != TaskStatus.PENDING || task.isDisable()) {
                continue;
            }
            Group group = byGroup.computeIfAbsent(task.getGroupId(), this::group);
            task.setWaitingFor(group.reason(task));
        }
    }

    private Group group(long groupId) {
        GroupRecord group = groups.findById(groupId);
        return new Group(groupId, group != null && group.isPaused(), nodes.onlineTags(groupId, offlineAfterMs));
    }

    private record Group(long id, boolean paused, List<String> nodeTags) {

        String reason(TaskRecord task) {
            if (paused) {
                return "group " + id + " is paused; resume it (POST /api/groups/" + id + "/resume)";
            }
            if (nodeTags.isEmpty()) {
                return "no enabled, online node in group " + id;
            }
            if (task.getTags() != null && nodeTags.stream().noneMatch(n -> Tags.covers(n, task.getTags()))) {
                return "no enabled, online node of group " + id + " has all of the tags " + Tags.list(task.getTags());
            }
            return null;
        }
    }
}
