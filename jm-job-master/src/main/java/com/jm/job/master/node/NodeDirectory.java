package com.jm.job.master.node;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.domain.NodeRecord;
import com.jm.job.master.events.NodeChangeListener;
import com.jm.job.master.security.NodeSessions;
import com.jm.job.master.store.NodeMapper;
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
public class NodeDirectory implements NodeChangeListener {

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
            throw new UnknownNodeException(nodeId);
        }
        return node;
    }

    /**
     * Checks that a call about {@code nodeId} carries that node's current session secret. A mismatch
     * is answered like an unknown node (404): the caller's registration was replaced, so it must
     * register again.
     */
    public NodeRecord authenticate(long nodeId, String sessionSecret) {
        NodeRecord node = require(nodeId);
        if (NodeSessions.matches(sessionSecret, node.getSessionHash())) {
            return node;
        }
        invalidate(nodeId); // the node may have registered again through another master
        node = require(nodeId);
        if (!NodeSessions.matches(sessionSecret, node.getSessionHash())) {
            throw UnknownNodeException.staleSession(nodeId);
        }
        return node;
    }

    /** Drops what is cached about the node, so the next look reads the database. */
    public void invalidate(long nodeId) {
        cache.remove(nodeId);
    }

    @Override
    public void nodeChanged(long nodeId) {
        invalidate(nodeId);
    }

    @Override
    public void groupChanged(long groupId) {
        cache.values().removeIf(c -> c.node() != null && c.node().getGroupId() == groupId);
    }

    private record Cached(NodeRecord node, Instant until) {}
}
