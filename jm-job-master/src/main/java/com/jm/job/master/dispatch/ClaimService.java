package com.jm.job.master.dispatch;

import com.jm.job.common.protocol.TaskAssignment;
import com.jm.job.master.domain.NodeRecord;
import com.jm.job.master.lease.Leases;
import com.jm.job.master.node.UnknownNodeException;
import com.jm.job.master.security.ParamsCipher;
import com.jm.job.master.store.Batch;
import com.jm.job.master.store.ClaimCandidate;
import com.jm.job.master.store.ClaimMapper;
import com.jm.job.master.store.ClaimedRun;
import com.jm.job.master.store.NodeMapper;
import com.jm.job.master.store.SqlDialects;
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

    public ClaimService(
            ClaimMapper claims,
            NodeMapper nodes,
            Leases leases,
            SqlSessionFactory sqlSessions,
            ParamsCipher paramsCipher) {
        this.paramsCipher = paramsCipher;
        this.claims = claims;
        this.nodes = nodes;
        this.leases = leases;
        this.returningInserts = SqlDialects.returnsInsertedRows(sqlSessions.getConfiguration());
    }

    /** Claims the group's first due tasks, found by the claim index of the table. */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public List<TaskAssignment> claim(long nodeId, long groupId, int maxTasks) {
        return mark(nodeId, claims.lockDue(groupId, maxTasks));
    }

    /**
     * Claims for a poll when the pending index is unavailable: the node is checked in the same
     * transaction (a stopped node gets 404, a disabled one nothing), then the table is searched.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public List<TaskAssignment> claimCandidatesFromTable(long nodeId, long groupId, int maxTasks) {
        return activeNode(nodeId) ? mark(nodeId, claims.lockDue(groupId, maxTasks)) : List.of();
    }

    /**
     * Claims those of {@code candidates} (taken from the pending index) that are still due, the node
     * checked in the same transaction as above.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public List<TaskAssignment> claimCandidates(long nodeId, long groupId, List<Long> candidates) {
        return activeNode(nodeId) ? mark(nodeId, claims.lockCandidates(groupId, candidates)) : List.of();
    }

    private boolean activeNode(long nodeId) {
        NodeRecord node = nodes.lockDispatchState(nodeId);
        if (node == null || node.getStoppedAt() != null) {
            throw new UnknownNodeException(nodeId);
        }
        return !node.isDisable() && !node.isGroupPaused();
    }

    private List<TaskAssignment> mark(long nodeId, List<ClaimCandidate> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<ClaimedRun> runs = insertRuns(nodeId, candidates);
        int marked = leases.grant(nodeId, runs);
        if (marked != candidates.size()) {
            // The rows are locked by this transaction, so this cannot happen unless the schema or
            // locking changed; roll back rather than hand out runs whose task did not move.
            throw new IllegalStateException(
                    "claimed " + candidates.size() + " tasks but marked " + marked + " running");
        }
        Map<Long, Long> runOfTask = runs.stream().collect(Collectors.toMap(ClaimedRun::taskId, ClaimedRun::runId));
        return candidates.stream()
                .map(c -> new TaskAssignment(
                        runOfTask.get(c.getId()),
                        c.getId(),
                        c.getName(),
                        c.getBeanName(),
                        c.isParamsSensitive() && c.getParams() != null
                                ? paramsCipher.decrypt(c.getParams())
                                : c.getParams(),
                        c.getAttempt() + 1,
                        c.getTimeoutS()))
                .toList();
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
