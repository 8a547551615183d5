package com.jm.job.master.outcome;

import com.jm.job.master.index.Lane;
import com.jm.job.master.index.PendingChanges;
import com.jm.job.master.store.ChildFire;
import com.jm.job.master.store.PendingEntry;
import com.jm.job.master.store.TaskChild;
import com.jm.job.master.store.TaskChildMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * When a parent's run succeeds, each of its children gets one fire, in the same transaction as
 * the finish: a finish is applied once whichever master receives it, so a parent fire starts its
 * children once. A child that is already pending, running or disabled is left as it is.
 */
@Component
class ChildFires {

    private final TaskChildMapper children;
    private final PendingChanges changes;

    ChildFires(TaskChildMapper children, PendingChanges changes) {
        this.children = children;
        this.changes = changes;
    }

    /** Fires the children of the parents whose runs ({@code runOfParent}: task id → run id) succeeded. */
    void fire(Map<Long, Long> runOfParent) {
        if (runOfParent.isEmpty()) {
            return;
        }
        Map<Long, ChildFire> byChild = new LinkedHashMap<>();
        for (TaskChild edge : children.childrenOf(List.copyOf(runOfParent.keySet()))) {
            // A child of two parents that succeeded in one batch gets one fire, named after the first.
            byChild.putIfAbsent(
                    edge.getChildId(), new ChildFire(edge.getChildId(), runOfParent.get(edge.getParentId())));
        }
        if (byChild.isEmpty()) {
            return;
        }
        List<ChildFire> fires = new ArrayList<>(byChild.values());
        if (children.fireChildren(fires) == 0) {
            return;
        }
        for (PendingEntry child : children.fired(fires)) {
            changes.pending(
                    Lane.of(child.getGroupId(), null, child.getTags()),
                    child.getId(),
                    child.getPriority(),
                    child.getNextFireTime());
        }
    }
}
