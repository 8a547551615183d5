package com.jm.job.master.node;

import com.jm.job.master.errors.ForbiddenException;
import com.jm.job.master.store.Batch;
import com.jm.job.master.store.RunMapper;
import com.jm.job.master.store.RunOwner;
import java.util.List;
import org.springframework.stereotype.Component;

/** A node acts only on the runs it was handed: the check every heartbeat and finish passes. */
@Component
public class NodeRuns {

    private final RunMapper runs;

    public NodeRuns(RunMapper runs) {
        this.runs = runs;
    }

    /**
     * The tasks of {@code runIds}, sorted; refuses (403) a call naming runs another node was
     * handed. Run ids that do not exist are left out.
     */
    public List<Long> ownTaskIds(long nodeId, List<Long> runIds) {
        return own(nodeId, runIds).stream()
                .map(RunOwner::getTaskId)
                .distinct()
                .sorted()
                .toList();
    }

    /**
     * Those of {@code runIds} that exist, sorted; refuses (403) a call naming runs another node was
     * handed.
     */
    public List<Long> ownRunIds(long nodeId, List<Long> runIds) {
        return own(nodeId, runIds).stream().map(RunOwner::getRunId).sorted().toList();
    }

    private List<RunOwner> own(long nodeId, List<Long> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        List<RunOwner> owners = runs.owners(Batch.of(runIds.stream().distinct().toList()));
        List<Long> foreign = owners.stream()
                .filter(o -> o.getNodeId() != nodeId)
                .map(RunOwner::getRunId)
                .toList();
        if (!foreign.isEmpty()) {
            throw new ForbiddenException("runs " + foreign + " were not handed to node " + nodeId);
        }
        return owners;
    }
}
