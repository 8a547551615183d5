package com.jm.job.master.dispatch;

import com.jm.job.common.protocol.HeartbeatResponse;
import com.jm.job.common.protocol.RegisterRequest;
import com.jm.job.common.protocol.RegisterResponse;
import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.index.PendingChanges;
import com.jm.job.master.service.ForbiddenException;
import com.jm.job.master.service.NotFoundException;
import com.jm.job.master.store.Batch;
import com.jm.job.master.store.GroupMapper;
import com.jm.job.master.store.GroupRecord;
import com.jm.job.master.store.LeaseMapper;
import com.jm.job.master.store.NodeMapper;
import com.jm.job.master.store.NodeRecord;
import com.jm.job.master.store.RunMapper;
import com.jm.job.master.store.RunOwner;
import java.time.Duration;
import java.util.HashSet;
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
    private final LeaseMapper leases;
    private final RunMapper runs;
    private final PendingChanges changes;
    private final NodeSessions sessions;
    private final Duration lease;

    public NodeRegistry(
            NodeMapper nodes,
            GroupMapper groups,
            LeaseMapper leases,
            RunMapper runs,
            PendingChanges changes,
            NodeSessions sessions,
            JmJobMasterProperties properties) {
        this.nodes = nodes;
        this.groups = groups;
        this.leases = leases;
        this.runs = runs;
        this.changes = changes;
        this.sessions = sessions;
        this.lease = properties.getLease();
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
        if (nodes.touch(nodeId) == 0) {
            throw new NotFoundException("no registered node with id " + nodeId + "; register again");
        }
        if (runIds.isEmpty()) {
            return new HeartbeatResponse(List.of());
        }
        List<Long> taskIds = ownTaskIds(runs, nodeId, runIds);
        if (taskIds.isEmpty()) {
            return new HeartbeatResponse(runIds);
        }
        leases.extend(nodeId, taskIds, runIds, lease.toMillis());
        Set<Long> live = new HashSet<>(leases.live(nodeId, taskIds, runIds));
        return new HeartbeatResponse(
                runIds.stream().filter(id -> !live.contains(id)).toList());
    }

    /**
     * The tasks of {@code runIds}; refuses (403) a call naming runs another node was handed: a node
     * acts only on its own runs. Run ids that do not exist are left out.
     */
    static List<Long> ownTaskIds(RunMapper runs, long nodeId, List<Long> runIds) {
        List<RunOwner> owners = runs.owners(Batch.of(runIds.stream().distinct().toList()));
        List<Long> foreign = owners.stream()
                .filter(o -> o.getNodeId() != nodeId)
                .map(RunOwner::getRunId)
                .toList();
        if (!foreign.isEmpty()) {
            throw new ForbiddenException("runs " + foreign + " were not handed to node " + nodeId);
        }
        return owners.stream().map(RunOwner::getTaskId).distinct().sorted().toList();
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
