package com.jm.job.master.service;

import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.errors.InvalidFieldException;
import com.jm.job.master.store.TaskChild;
import com.jm.job.master.store.TaskChildMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The rules of child tasks: each listed once, existing, never the task itself, and no cycle (a
 * task may not be its own descendant). The walk that looks for a cycle locks each task row before
 * it reads the task's edges, and an edit holds its own row's lock: two edits that would close a
 * cycle together meet on some row, so one waits for the other (or loses a deadlock and is told to
 * retry) and then sees its edge.
 */
@Component
class ChildRules {

    static final String FIELD = "childTaskIds";

    private final TaskChildMapper children;

    ChildRules(TaskChildMapper children) {
        this.children = children;
    }

    /** Checks the children a task ({@code taskId}, null while it is being created) is given. */
    void check(Long taskId, List<Long> childIds) {
        if (childIds.isEmpty()) {
            return;
        }
        Set<Long> distinct = new LinkedHashSet<>(childIds);
        if (distinct.size() != childIds.size()) {
            throw new InvalidFieldException(FIELD, FIELD + " lists a task more than once: " + childIds);
        }
        if (taskId != null && distinct.contains(taskId)) {
            throw new InvalidFieldException(FIELD, "task " + taskId + " cannot be its own child");
        }
        if (taskId != null) {
            children.lockTasks(List.of(taskId));
        }
        Set<Long> missing = new LinkedHashSet<>(distinct);
        children.lockTasks(List.copyOf(distinct)).forEach(missing::remove);
        if (!missing.isEmpty()) {
            throw new InvalidFieldException(
                    FIELD, "no task with id " + missing.iterator().next() + " (in " + FIELD + ")");
        }
        if (taskId != null && reaches(distinct, taskId)) {
            throw new InvalidFieldException(
                    FIELD,
                    "these children would make a cycle: task " + taskId + " is already a descendant of one of them");
        }
    }

    /** Gives a task created just now its children (it has no edges yet and its flag is 0). */
    void add(long taskId, List<Long> childIds) {
        if (!childIds.isEmpty()) {
            children.insertChildren(taskId, childIds);
            children.markHasChildren(taskId, true);
        }
    }

    /** Gives many tasks created just now their children: one insert and one update for all. */
    void addAll(Map<Long, List<Long>> childrenOf) {
        List<TaskChild> edges = new ArrayList<>();
        List<Long> parents = new ArrayList<>();
        childrenOf.forEach((parent, childIds) -> {
            if (!childIds.isEmpty()) {
                parents.add(parent);
            }
            for (long child : childIds) {
                TaskChild edge = new TaskChild();
                edge.setParentId(parent);
                edge.setChildId(child);
                edges.add(edge);
            }
        });
        if (!edges.isEmpty()) {
            children.insertEdges(edges);
            children.markAllHaveChildren(parents);
        }
    }

    /** Replaces the task's children with {@code childIds}. */
    void replace(long taskId, List<Long> childIds) {
        children.deleteChildren(taskId);
        if (childIds.isEmpty()) {
            children.markHasChildren(taskId, false);
        } else {
            add(taskId, childIds);
        }
    }

    /** Fills each task's {@code childTaskIds} (one query for all of them). */
    <T extends Iterable<TaskRecord>> T fill(T tasks) {
        List<Long> ids = new ArrayList<>();
        tasks.forEach(t -> ids.add(t.getId()));
        if (ids.isEmpty()) {
            return tasks;
        }
        Map<Long, List<Long>> byParent = children.childrenOf(ids).stream()
                .collect(Collectors.groupingBy(
                        TaskChild::getParentId, Collectors.mapping(TaskChild::getChildId, Collectors.toList())));
        tasks.forEach(t -> t.setChildTaskIds(byParent.getOrDefault(t.getId(), List.of())));
        return tasks;
    }

    /**
     * Whether {@code target} is reachable from {@code start} (already locked) along child edges,
     * locking each task the walk reaches before reading its edges.
     */
    private boolean reaches(Set<Long> start, long target) {
        Set<Long> seen = new HashSet<>(start);
        List<Long> frontier = List.copyOf(start);
        while (!frontier.isEmpty()) {
            List<Long> next = new ArrayList<>();
            for (long child : children.childIds(frontier)) {
                if (child == target) {
                    return true;
                }
                if (seen.add(child)) {
                    next.add(child);
                }
            }
            if (!next.isEmpty()) {
                children.lockTasks(next);
            }
            frontier = next;
        }
        return false;
    }
}
