package com.jm.job.master.dispatch;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.service.NotFoundException;
import com.jm.job.master.store.NodeMapper;
import com.jm.job.master.store.NodeRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * What a held poll needs to know of its node (group, disabled, stopped), cached so an idle poll
 * costs the database nothing. Every change to a node is announced as an event that drops the
 * cached entry on every master; the time limit only bounds a missed event. Claims re-check the
 * node in their own transaction, so a stale entry never hands out work.
 */
@Component
public class NodeDirectory {

    private final NodeMapper nodes;
    private final JmJobMasterProperties properties;
    private final Clock clock;
    private final ConcurrentMap<Long, Cached> cache = new ConcurrentHashMap<>();

    public NodeDirectory(NodeMapper nodes, JmJobMasterProperties properties, Clock clock) {
        this.nodes = nodes;
        this.properties = properties;
        this.clock = clock;
    }

    /** The node's state; 404 when it is unknown or has deregistered. */
    public NodeRecord require(long nodeId) {
        Instant now = clock.instant();
        Cached cached = cache.get(nodeId);
        if (cached == null || now.isAfter(cached.until())) {
            NodeRecord node = nodes.dispatchState(nodeId);
            cached = new Cached(node, now.plus(properties.getNodeCacheTtl()));
            cache.put(nodeId, cached);
        }
        NodeRecord node = cached.node();
        if (node == null || node.getStoppedAt() != null) {
            throw new NotFoundException("no registered node with id " + nodeId + "; register again");
        }
        return node;
    }

    public void invalidate(long nodeId) {
        cache.remove(nodeId);
    }

    private record Cached(NodeRecord node, Instant until) {}
}
