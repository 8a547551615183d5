package com.jm.job.master.service;

import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.errors.InvalidFieldException;
import com.jm.job.master.store.GroupMapper;
import com.jm.job.master.store.TaskMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The statements of a batch of new tasks, a fixed number whatever its size: one query for all
 * their groups, one multi-row insert per {@value #INSERT_CHUNK} tasks, one read of the rows back.
 */
@Component
class TaskBatch {

    /** Tasks per INSERT: about 13,000 bound values, well inside a packet and the statement cache's reach. */
    static final int INSERT_CHUNK = 500;

    private final TaskMapper tasks;
    private final GroupMapper groups;

    TaskBatch(TaskMapper tasks, GroupMapper groups) {
        this.tasks = tasks;
        this.groups = groups;
    }

    /** Refuses the first task (by index) whose group does not exist, naming it {@code tasks[i].groupId}. */
    void checkGroups(List<Long> groupIds) {
        Set<Long> existing = new HashSet<>(groups.existingIds(new HashSet<>(groupIds)));
        for (int i = 0; i < groupIds.size(); i++) {
            if (!existing.contains(groupIds.get(i))) {
                throw InvalidFieldException.ofItem(
                        i,
                        new InvalidFieldException(
                                "groupId",
                                "no group with id " + groupIds.get(i) + "; create it with POST /api/groups"));
            }
        }
    }

    /**
     * Inserts {@code batch} (ids set in its order) and answers the rows as stored, in that order.
     * Each row read back must be the one sent under its id: the ids come from the driver, which
     * derives them from the first generated key, and a wrong one must fail the batch, not answer
     * another task.
     */
    List<TaskRecord> insert(List<TaskRecord> batch) {
        for (int from = 0; from < batch.size(); from += INSERT_CHUNK) {
            tasks.insertAll(batch.subList(from, Math.min(batch.size(), from + INSERT_CHUNK)));
        }
        List<Long> ids = batch.stream().map(TaskRecord::getId).toList();
        Map<Long, TaskRecord> stored =
                tasks.findByIds(ids).stream().collect(Collectors.toMap(TaskRecord::getId, Function.identity()));
        List<TaskRecord> answer = new ArrayList<>(batch.size());
        for (TaskRecord sent : batch) {
            TaskRecord row = stored.remove(sent.getId());
            if (row == null
                    || row.getGroupId() != sent.getGroupId()
                    || !Objects.equals(row.getName(), sent.getName())
                    || !Objects.equals(row.getBeanName(), sent.getBeanName())) {
                throw new IllegalStateException("task " + sent.getId() + " read back is not the one inserted as "
                        + sent.getName() + "; the batch is rolled back");
            }
            answer.add(row);
        }
        return answer;
    }
}
