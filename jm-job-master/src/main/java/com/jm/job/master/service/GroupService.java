package com.jm.job.master.service;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.domain.GroupRecord;
import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.errors.ConflictException;
import com.jm.job.master.errors.NotFoundException;
import com.jm.job.master.index.PendingChanges;
import com.jm.job.master.store.GroupMapper;
import com.jm.job.master.store.NodeMapper;
import com.jm.job.master.store.StatusCount;
import com.jm.job.master.store.TaskMapper;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Groups: the unit that ties tasks to the nodes that run them. */
@Service
public class GroupService {

    private final GroupMapper groups;
    private final TaskMapper tasks;
    private final NodeMapper nodes;
    private final PendingChanges changes;
    private final JmJobMasterProperties properties;

    public GroupService(
            GroupMapper groups,
            TaskMapper tasks,
            NodeMapper nodes,
            PendingChanges changes,
            JmJobMasterProperties properties) {
        this.groups = groups;
        this.tasks = tasks;
        this.nodes = nodes;
        this.changes = changes;
        this.properties = properties;
    }

    /**
     * Pauses ({@code true}) or resumes a group; idempotent. Once a pause returns, no claim takes a
     * task of the group (running runs finish); after a resume its held polls look again at once.
     */
    @Transactional
    public GroupRecord setPaused(long id, boolean paused) {
        if (groups.setPaused(id, paused) == 0) {
            throw NotFoundException.of("group", id);
        }
        changes.groupChanged(id);
        return groups.findById(id);
    }

    @Transactional
    public GroupRecord create(String name) {
        GroupRecord group = new GroupRecord();
        group.setName(name);
        try {
            groups.insert(group);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("a group named '" + name + "' already exists");
        }
        return groups.findById(group.getId());
    }

    @Transactional(readOnly = true)
    public Page<GroupRecord> list(PageRequest page) {
        return new Page<>(groups.list(page.offset(), page.size()), page.page(), page.size(), groups.count());
    }

    /** A group with its task counts by status and its number of online nodes. */
    @Transactional(readOnly = true)
    public GroupSummary get(long id) {
        GroupRecord group = groups.findById(id);
        if (group == null) {
            throw NotFoundException.of("group", id);
        }
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            counts.put(status, 0L);
        }
        for (StatusCount count : tasks.countByStatus(id)) {
            counts.put(count.getStatus(), count.getCount());
        }
        long online = nodes.countOnline(id, properties.getNodeOfflineAfter().toMillis());
        return new GroupSummary(group, counts, tasks.countDisabled(id), online);
    }

    /**
     * A group and what it holds.
     *
     * @param group the group
     * @param tasksByStatus number of tasks in each status
     * @param disabledTasks number of disabled tasks (counted in their status too)
     * @param onlineNodes nodes whose heartbeat is recent
     */
    public record GroupSummary(
            GroupRecord group, Map<TaskStatus, Long> tasksByStatus, long disabledTasks, long onlineNodes) {}
}
