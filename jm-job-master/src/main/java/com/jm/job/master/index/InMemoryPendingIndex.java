package com.jm.job.master.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pending index in this process, for the embedded default (one master, no Redis). Each group's
 * queue is guarded by its own monitor, which makes {@link #takeDue} atomic.
 */
public class InMemoryPendingIndex implements PendingIndex {

    private final Map<Long, GroupQueue> groups = new ConcurrentHashMap<>();
    private volatile boolean built;

    @Override
    public void put(long groupId, long taskId, Instant due) {
        queue(groupId).put(taskId, due.toEpochMilli());
    }

    @Override
    public void putAll(long groupId, Map<Long, Instant> dueByTask) {
        GroupQueue queue = queue(groupId);
        dueByTask.forEach((taskId, due) -> queue.put(taskId, due.toEpochMilli()));
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

    private record Entry(long due, long taskId) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(taskId, other.taskId);
        }
    }

    private static final class GroupQueue {

        private final TreeSet<Entry> byDue = new TreeSet<>();
        private final Map<Long, Long> dueById = new HashMap<>();

        synchronized void put(long taskId, long due) {
            remove(taskId);
            byDue.add(new Entry(due, taskId));
            dueById.put(taskId, due);
        }

        synchronized void remove(long taskId) {
            Long due = dueById.remove(taskId);
            if (due != null) {
                byDue.remove(new Entry(due, taskId));
            }
        }

        synchronized List<Long> takeDue(long now, int limit) {
            List<Long> taken = new ArrayList<>();
            Iterator<Entry> it = byDue.iterator();
            while (it.hasNext() && taken.size() < limit) {
                Entry entry = it.next();
                if (entry.due() > now) {
                    break;
                }
                it.remove();
                dueById.remove(entry.taskId());
                taken.add(entry.taskId());
            }
            return taken;
        }

        synchronized Long first() {
            return byDue.isEmpty() ? null : byDue.first().due();
        }
    }
}
