package com.jm.job.master.node;

import com.jm.job.common.protocol.HeartbeatResponse;
import com.jm.job.common.protocol.RegisterRequest;
import com.jm.job.common.protocol.RegisterResponse;
import com.jm.job.master.domain.GroupRecord;
import com.jm.job.master.domain.NodeRecord;
import com.jm.job.master.domain.Tags;
import com.jm.job.master.index.PendingChanges;
import com.jm.job.master.lease.Leases;
import com.jm.job.master.security.NodeSessions;
import com.jm.job.master.store.GroupMapper;
import com.jm.job.master.store.NodeMapper;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** The node side of membership: register, heartbeat (extending leases), deregister. */
@Service
public class NodeRegistry {

    private final NodeMapper nodes;
    private final GroupMapper groups;
    private final Leases leases;
    private final NodeRuns runs;
    private final PendingChanges changes;
    private final NodeSessions sessions;
    private final IdleHeartbeats idle;

    public NodeRegistry(
            NodeMapper nodes,
            GroupMapper groups,
            Leases leases,
            NodeRuns runs,
            PendingChanges changes,
            NodeSessions sessions,
            IdleHeartbeats idle) {
        this.idle = idle;
        this.nodes = nodes;
        this.groups = groups;
        this.leases = leases;
        this.runs = runs;
        this.changes = changes;
        this.sessions = sessions;
    }

    /**
     * Registers a node in its group, creating the group on first use. READ COMMITTED so that, when
     * another node creates the group first, the second look sees that group.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public RegisterResponse register(RegisterRequest request) {
        long groupId = groupIdFor(request.group());
        NodeRecord node = new NodeRecord();
        node.setGroupId(groupId);
        node.setIp(request.ip());
        node.setPort(request.port() == null ? null : String.valueOf(request.port()));
        node.setInstance(request.instance());
        node.setThreads(request.threads());
        node.setTags(Tags.stored(request.tags()));
        node.setAcksDelivery(request.acknowledges());
        String secret = sessions.newSecret();
        node.setSessionHash(NodeSessions.hash(secret));
        nodes.upsert(node);
        long nodeId = nodes.findIdByInstance(groupId, request.instance());
        changes.nodeChanged(nodeId);
        return new RegisterResponse(nodeId, groupId, secret);
    }

    /**
     * Marks the node alive and extends the leases of its current runs; answers the runs it must
     * cancel (their task was disabled, or they are no longer the task's current run). READ
     * COMMITTED: the lease UPDATE then locks only the rows it changes, never the gaps a concurrent
     * claim inserts run ids into.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public HeartbeatResponse heartbeat(long nodeId, List<Long> runIds) {
        long leaseMillis = leases.length().toMillis();
        if (runIds.isEmpty()) {
            // Nothing to extend: only its time moves, written with other idle nodes' (the session
            // check before this call already refused an unknown or stopped node).
            idle.heard(nodeId);
            return new HeartbeatResponse(List.of(), leaseMillis);
        }
        if (nodes.touch(nodeId) == 0) {
            throw new UnknownNodeException(nodeId);
        }
        List<Long> taskIds = runs.ownTaskIds(nodeId, runIds);
        if (taskIds.isEmpty()) {
            return new HeartbeatResponse(runIds, leaseMillis);
        }
        Set<Long> live = leases.extend(nodeId, taskIds, runIds);
        return new HeartbeatResponse(
                runIds.stream().filter(id -> !live.contains(id)).toList(), leaseMillis);
    }

    @Transactional
    public void deregister(long nodeId) {
        nodes.deregister(nodeId);
        changes.nodeChanged(nodeId);
    }

    private long groupIdFor(String name) {
        GroupRecord existing = groups.findByName(name);
        if (existing != null) {
            return existing.getId();
        }
        GroupRecord group = new GroupRecord();
        group.setName(name);
        try {
            groups.insert(group);
            return group.getId();
        } catch (DuplicateKeyException e) {
            // Another node of the same new group registered at the same moment.
            return groups.findByName(name).getId();
        }
    }
}
