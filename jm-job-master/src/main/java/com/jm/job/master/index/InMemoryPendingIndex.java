package com.jm.job.master.index;

import com.jm.job.master.domain.TaskPriority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pending index in this process, for the embedded default (one master, no Redis). Each lane's
 * queue is guarded by its own monitor, which makes a take from it atomic; within it, one queue
 * per priority in due order, so a take reads the highest priority's due tasks first and stops in
 * each at the first task not yet due.
 */
public class InMemoryPendingIndex implements PendingIndex {

    private final Map<Lane, LaneQueue> lanes = new ConcurrentHashMap<>();
    private final Map<Long, Set<String>> tagLanes = new ConcurrentHashMap<>();
    private volatile boolean built;

    @Override
    public void put(Lane lane, long taskId, int priority, Instant due) {
        queue(lane).put(taskId, priority, due.toEpochMilli());
    }

    @Override
    public void putAll(Lane lane, Collection<Entry> entries) {
        LaneQueue queue = queue(lane);
        entries.forEach(e -> queue.put(e.taskId(), e.priority(), e.due().toEpochMilli()));
    }

    @Override
    public void remove(Lane lane, long taskId) {
        queue(lane).remove(taskId);
    }

    /**
     * Each lane's take is atomic on its own monitor, so no task is ever taken twice; across lanes
     * the priorities are read from the highest down, lane by lane within one.
     */
    @Override
    public List<Long> takeDue(List<Lane> from, Instant now, int limit) {
        List<Long> taken = new ArrayList<>();
        for (int p = TaskPriority.MAX; p >= TaskPriority.MIN && taken.size() < limit; p--) {
            for (Lane lane : from) {
                if (taken.size() >= limit) {
                    break;
                }
                taken.addAll(queue(lane).takeDue(p, now.toEpochMilli(), limit - taken.size()));
            }
        }
        return taken;
    }

    @Override
    public Instant nextDue(List<Lane> from) {
        Long first = null;
        for (Lane lane : from) {
            Long due = queue(lane).first();
            if (due != null && (first == null || due < first)) {
                first = due;
            }
        }
        return first == null ? null : Instant.ofEpochMilli(first);
    }

    @Override
    public Set<String> tagLanes(long groupId) {
        return Set.copyOf(tagLanes.getOrDefault(groupId, Set.of()));
    }

    @Override
    public boolean isBuilt() {
        return built;
    }

    @Override
    public void markBuilt() {
        built = true;
    }

    private LaneQueue queue(Lane lane) {
        if (lane.tags() != null) {
            tagLanes.computeIfAbsent(lane.groupId(), g -> ConcurrentHashMap.newKeySet())
                    .add(lane.tags());
        }
        return lanes.computeIfAbsent(lane, l -> new LaneQueue());
    }

    private record Slot(int priority, long due, long taskId) implements Comparable<Slot> {
        @Override
        public int compareTo(Slot other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(taskId, other.taskId);
        }
    }

    private static final class LaneQueue {

        /** Indexed by priority; each in due order. */
        private final List<TreeSet<Slot>> byPriority = new ArrayList<>();

        private final Map<Long, Slot> slotById = new HashMap<>();

        LaneQueue() {
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

        /** Takes up to {@code limit} due tasks of one priority, in due order. */
        synchronized List<Long> takeDue(int priority, long now, int limit) {
            List<Long> taken = new ArrayList<>();
            Iterator<Slot> it = byPriority.get(priority).iterator();
            while (it.hasNext() && taken.size() < limit) {
                Slot slot = it.next();
                if (slot.due() > now) {
                    break;
                }
                it.remove();
                slotById.remove(slot.taskId());
                taken.add(slot.taskId());
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
