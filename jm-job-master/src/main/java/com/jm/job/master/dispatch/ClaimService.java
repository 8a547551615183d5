package com.jm.job.master.dispatch;

import com.jm.job.common.protocol.TaskAssignment;
import com.jm.job.master.domain.NodeRecord;
import com.jm.job.master.domain.Tags;
import com.jm.job.master.fire.FireStarter;
import com.jm.job.master.lease.Leases;
import com.jm.job.master.metrics.MasterMetrics;
import com.jm.job.master.node.UnknownNodeException;
import com.jm.job.master.security.ParamsCipher;
import com.jm.job.master.store.Batch;
import com.jm.job.master.store.ClaimCandidate;
import com.jm.job.master.store.ClaimMapper;
import com.jm.job.master.store.ClaimedRun;
import com.jm.job.master.store.NodeMapper;
import com.jm.job.master.store.SqlDialects;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.ibatis.session.SqlSessionFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claims due tasks for a node in one transaction on the primary: lock (SKIP LOCKED), insert the run
 * rows, mark the tasks running. A run row exists for every claim, and no task is claimed twice.
 * READ COMMITTED, because concurrent SKIP LOCKED batch claimers deadlock under REPEATABLE READ.
 */
@Service
public class ClaimService {

    private final ClaimMapper claims;
    private final NodeMapper nodes;
    private final Leases leases;
    private final boolean returningInserts;
    private final ParamsCipher paramsCipher;
    private final FireStarter fireStarter;
    private final MasterMetrics metrics;

    public ClaimService(
            ClaimMapper claims,
            NodeMapper nodes,
            Leases leases,
            SqlSessionFactory sqlSessions,
            ParamsCipher paramsCipher,
            FireStarter fireStarter,
            MasterMetrics metrics) {
        this.fireStarter = fireStarter;
        this.metrics = metrics;
        this.paramsCipher = paramsCipher;
        this.claims = claims;
        this.nodes = nodes;
        this.leases = leases;
        this.returningInserts = SqlDialects.returnsInsertedRows(sqlSessions.getConfiguration());
    }

    /** Claims the group's first due tasks that the node may run, found by the claim index of the table. */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public List<TaskAssignment> claim(long nodeId, long groupId, int maxTasks) {
        NodeRecord node = nodes.dispatchState(nodeId);
        List<String> tags = tagMarks(node == null ? null : node.getTags());
        return mark(nodeId, node != null && node.isAcksDelivery(), claims.lockDue(groupId, nodeId, tags, maxTasks));
    }

    /**
     * Claims for a poll when the pending index is unavailable: the node is checked in the same
     * transaction (a stopped node gets 404, a disabled one nothing), then the table is searched.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public List<TaskAssignment> claimCandidatesFromTable(long nodeId, long groupId, int maxTasks) {
        NodeRecord node = activeNode(nodeId);
        return node == null
                ? List.of()
                : mark(
                        nodeId,
                        node.isAcksDelivery(),
                        claims.lockDue(groupId, nodeId, tagMarks(node.getTags()), maxTasks));
    }

    /**
     * Claims those of {@code candidates} (taken from the pending index) that are still due, the node
     * checked in the same transaction as above.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public List<TaskAssignment> claimCandidates(long nodeId, long groupId, List<Long> candidates) {
        NodeRecord node = activeNode(nodeId);
        return node == null
                ? List.of()
                : mark(
                        nodeId,
                        node.isAcksDelivery(),
                        claims.lockCandidates(groupId, nodeId, tagMarks(node.getTags()), candidates));
    }

    /** The node, share-locked, when it may claim now; null when it is disabled or its group paused. */
    private NodeRecord activeNode(long nodeId) {
        NodeRecord node = nodes.lockDispatchState(nodeId);
        if (node == null || node.getStoppedAt() != null) {
            throw new UnknownNodeException(nodeId);
        }
        return node.isDisable() || node.isGroupPaused() ? null : node;
    }

    /** The node's tags as the claim statement tests them: each as ",tag,". */
    static List<String> tagMarks(String nodeTags) {
        return Tags.list(nodeTags).stream().map(t -> "," + t + ",").toList();
    }

    /**
     * Hands out the locked candidates: a task whose fire has several runs (broadcast, shards) is
     * not handed out but starts its fire, whose units the group's nodes then claim; every other
     * candidate (units among them) gets its run row and lease.
     */
    private List<TaskAssignment> mark(long nodeId, boolean acknowledges, List<ClaimCandidate> locked) {
        List<ClaimCandidate> fires =
                locked.stream().filter(ClaimCandidate::startsMultiRunFire).toList();
        if (!fires.isEmpty()) {
            fireStarter.start(fires);
        }
        List<ClaimCandidate> candidates = fires.isEmpty()
                ? locked
                : locked.stream().filter(c -> !c.startsMultiRunFire()).toList();
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<ClaimedRun> runs = insertRuns(nodeId, candidates);
        int marked = leases.grant(nodeId, acknowledges, runs);
        if (marked != candidates.size()) {
            // The rows are locked by this transaction, so this cannot happen unless the schema or
            // locking changed; roll back rather than hand out runs whose task did not move.
            throw new IllegalStateException(
                    "claimed " + candidates.size() + " tasks but marked " + marked + " running");
        }
        metrics.started(
                candidates.get(0).getGroupId(),
                candidates.stream().map(ClaimService::start).toList());
        Map<Long, Long> runOfTask = runs.stream().collect(Collectors.toMap(ClaimedRun::taskId, ClaimedRun::runId));
        return candidates.stream()
                .map(c -> new TaskAssignment(
                        runOfTask.get(c.getId()),
                        // A unit's run is a run of its task: handlers and logs see the task's id.
                        c.getUnitOf() != null ? c.getUnitOf() : c.getId(),
                        c.getName(),
                        c.getBeanName(),
                        c.isParamsSensitive() && c.getParams() != null
                                ? paramsCipher.decrypt(c.getParams())
                                : c.getParams(),
                        c.getAttempt() + 1,
                        c.getTimeoutS(),
                        c.getShardIndex(),
                        c.getShardTotal(),
                        c.getShardParam()))
                .toList();
    }

    /** A run for the metrics: its trigger, and how late its claim came by the clock that decided it was due. */
    private static MasterMetrics.Start start(ClaimCandidate c) {
        Duration late = c.getNextFireTime() == null || c.getDbNow() == null
                ? Duration.ZERO
                : Duration.between(c.getNextFireTime(), c.getDbNow());
        return new MasterMetrics.Start(c.getPendingCause(), late);
    }

    /** Inserts a RUNNING run row per locked candidate and says which run each task got. */
    private List<ClaimedRun> insertRuns(long nodeId, List<ClaimCandidate> candidates) {
        if (returningInserts) {
            List<ClaimedRun> runs = claims.insertRunsReturning(
                    nodeId,
                    Batch.of(candidates.stream().map(ClaimCandidate::getId).toList()));
            if (runs.size() != candidates.size()) {
                throw new IllegalStateException(
                        "inserted " + runs.size() + " runs for " + candidates.size() + " locked tasks");
            }
            return runs;
        }
        claims.insertRuns(nodeId, candidates);
        return candidates.stream()
                .map(c -> new ClaimedRun(c.getId(), c.getRunId()))
                .toList();
    }
}
