package com.jm.job.master.dispatch;

import com.jm.job.common.protocol.TaskAssignment;
import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.store.ClaimCandidate;
import com.jm.job.master.store.ClaimMapper;
import java.util.List;
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
    private final JmJobMasterProperties properties;

    public ClaimService(ClaimMapper claims, JmJobMasterProperties properties) {
        this.claims = claims;
        this.properties = properties;
    }

    @Transactional(isolation = Isolation.READ_COMMITTED)
    public List<TaskAssignment> claim(long nodeId, long groupId, int maxTasks) {
        List<ClaimCandidate> candidates = claims.lockDue(groupId, maxTasks);
        if (candidates.isEmpty()) {
            return List.of();
        }
        claims.insertRuns(nodeId, candidates);
        int marked = claims.markRunning(nodeId, properties.getLease().toMillis(), candidates);
        if (marked != candidates.size()) {
            // The rows are locked by this transaction, so this cannot happen unless the schema or
            // locking changed; roll back rather than hand out runs whose task did not move.
            throw new IllegalStateException(
                    "claimed " + candidates.size() + " tasks but marked " + marked + " running");
        }
        return candidates.stream()
                .map(c -> new TaskAssignment(
                        c.getRunId(),
                        c.getId(),
                        c.getName(),
                        c.getBeanName(),
                        c.getParams(),
                        c.getAttempt() + 1,
                        c.getTimeoutS()))
                .toList();
    }
}
