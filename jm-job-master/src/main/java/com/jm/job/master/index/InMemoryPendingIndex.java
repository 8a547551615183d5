package com.jm.job.master.index;

import com.jm.job.master.domain.TaskPriority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pending index in this process, for the embedded default (one master, no Redis). Each group's
 * queue is guarded by its own monitor, which makes {@link #takeDue} atomic; within it, one queue
 * per priority in due order, so a take reads the highest priority's due tasks first and stops in
 * each at the first task not yet due.
 */
public class InMemoryPendingIndex implements PendingIndex {

    private final Map<Long, GroupQueue> groups = new ConcurrentHashMap<>();
    private volatile boolean built;

    @Override
    public void put(long groupId, long taskId, int priority, Instant due) {
        queue(groupId).put(taskId, priority, due.toEpochMilli());
    }

    @Override
    public void putAll(long groupId, Collection<Entry> entries) {
        GroupQueue queue = queue(groupId);
        entries.forEach(e -> queue.put(e.taskId(), e.priority(), e.due().toEpochMilli()));
    }

    @Override
    public void remove(long groupId, long taskId) {
        queue(groupId).remove(taskId);
    }

    @Override
    public List<Long> takeDue(long groupId, Instant now, int limit) {
        return queue(groupId).takeDue(now.toEpochMilli(), limit);
    }

    @Override
    public Instant nextDue(long groupId) {
        Long first = queue(groupId).first();
        return first == null ? null : Instant.ofEpochMilli(first);
    }

    @Override
    public boolean isBuilt() {
        return built;
    }

    @Override
    public void markBuilt() {
        built = true;
    }

    private GroupQueue queue(long groupId) {
        return groups.computeIfAbsent(groupId, id -> new GroupQueue());
    }

    private record Slot(int priority, long due, long taskId) implements Comparable<Slot> {
        @Override
        public int compareTo(Slot other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(taskId, other.taskId);
        }
    }

    private static final class GroupQueue {

        /** Indexed by priority; each in due order. */
        private final List<TreeSet<Slot>> byPriority = new ArrayList<>();

        private final Map<Long, Slot> slotById = new HashMap<>();

        GroupQueue() {
            for (int p = TaskPriority.MIN; p <= TaskPriority.MAX; p++) {
                byPriority.add(new TreeSet<>());
            }
        }

        synchronized void put(long taskId, int priority, long due) {
            remove(taskId);
            Slot slot = new Slot(clamp(priority), due, taskId);
            byPriority.get(slot.priority()).add(slot);
            slotById.put(taskId, slot);
        }

        synchronized void remove(long taskId) {
            Slot slot = slotById.remove(taskId);
            if (slot != null) {
                byPriority.get(slot.priority()).remove(slot);
            }
        }

        synchronized List<Long> takeDue(long now, int limit) {
            List<Long> taken = new ArrayList<>();
            for (int p = TaskPriority.MAX; p >= TaskPriority.MIN && taken.size() < limit; p--) {
                Iterator<Slot> it = byPriority.get(p).iterator();
                while (it.hasNext() && taken.size() < limit) {
                    Slot slot = it.next();
                    if (slot.due() > now) {
                        break;
                    }
                    it.remove();
                    slotById.remove(slot.taskId());
                    taken.add(slot.taskId());
                }
            }
            return taken;
        }

        synchronized Long first() {
            Long first = null;
            for (TreeSet<Slot> queue : byPriority) {
                if (!queue.isEmpty() && (first == null || queue.first().due() < first)) {
                    first = queue.first().due();
                }
            }
            return first;
        }

        /** A priority written to the table by hand outside 0–9 still gets a queue: the nearest one. */
        private static int clamp(int priority) {
            return Math.max(TaskPriority.MIN, Math.min(TaskPriority.MAX, priority));
        }
    }
}
