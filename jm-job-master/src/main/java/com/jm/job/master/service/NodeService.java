package com.jm.job.master.service;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.domain.NodeRecord;
import com.jm.job.master.errors.NotFoundException;
import com.jm.job.master.index.PendingChanges;
import com.jm.job.master.store.NodeMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The operators' view of nodes: list, inspect, and take a node out of (or back into) dispatch. */
@Service
public class NodeService {

    private final NodeMapper nodes;
    private final PendingChanges changes;
    private final JmJobMasterProperties properties;

    public NodeService(NodeMapper nodes, PendingChanges changes, JmJobMasterProperties properties) {
        this.nodes = nodes;
        this.changes = changes;
        this.properties = properties;
    }

    @Transactional(readOnly = true)
    public Page<NodeRecord> list(Long groupId, PageRequest page) {
        return new Page<>(
                nodes.list(groupId, offlineAfterMs(), page.offset(), page.size()),
                page.page(),
                page.size(),
                nodes.count(groupId));
    }

    /** How many runs each of {@code listed} holds now, by node id (0 for none). */
    @Transactional(readOnly = true)
    public Map<Long, Long> runningCounts(List<NodeRecord> listed) {
        Map<Long, Long> counts = new HashMap<>();
        listed.forEach(n -> counts.put(n.getId(), 0L));
        if (!listed.isEmpty()) {
            List<Long> groupIds =
                    listed.stream().map(NodeRecord::getGroupId).distinct().toList();
            nodes.runningCounts(List.copyOf(counts.keySet()), groupIds)
                    .forEach(load -> counts.put(load.getNodeId(), load.getCount()));
        }
        return counts;
    }

    @Transactional(readOnly = true)
    public NodeRecord get(long id) {
        return require(id);
    }

    /** A disabled node gets no new tasks; its running ones finish. Idempotent. */
    @Transactional
    public NodeRecord setDisabled(long id, boolean disabled) {
        nodes.setDisabled(id, disabled);
        NodeRecord node = require(id);
        changes.nodeChanged(id);
        return node;
    }

    private NodeRecord require(long id) {
        NodeRecord node = nodes.findById(id, offlineAfterMs());
        if (node == null) {
            throw NotFoundException.of("node", id);
        }
        return node;
    }

    private long offlineAfterMs() {
        return properties.getNodeOfflineAfter().toMillis();
    }
}
