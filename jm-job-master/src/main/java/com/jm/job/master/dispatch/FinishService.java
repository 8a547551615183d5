package com.jm.job.master.dispatch;

import com.jm.job.common.protocol.FinishResponse;
import com.jm.job.common.protocol.NodeApi;
import com.jm.job.common.protocol.RunOutcome;
import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.fire.FireCompletion;
import com.jm.job.master.metrics.MasterMetrics;
import com.jm.job.master.node.NodeRuns;
import com.jm.job.master.outcome.OutcomePolicy;
import com.jm.job.master.outcome.RunCompletion;
import com.jm.job.master.store.FinishMapper;
import com.jm.job.master.store.RunningTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a node's batch of finished runs in one transaction: the run rows end and their tasks move
 * on together. A node may report only runs it was handed (any other run id: 403, nothing applied).
 * An outcome applies only while its run is the task's current one; a resent or stale one changes
 * nothing. Every outcome is acknowledged, applied or not, because sending it again could never
 * change the answer.
 */
@Service
public class FinishService {

    private final FinishMapper finishes;
    private final NodeRuns runs;
    private final FireCompletion completion;
    private final JmJobMasterProperties properties;
    private final MasterMetrics metrics;

    public FinishService(
            FinishMapper finishes,
            NodeRuns runs,
            FireCompletion completion,
            JmJobMasterProperties properties,
            MasterMetrics metrics) {
        this.metrics = metrics;
        this.finishes = finishes;
        this.runs = runs;
        this.completion = completion;
        this.properties = properties;
    }

    @Transactional(isolation = Isolation.READ_COMMITTED)
    public FinishResponse finish(long nodeId, List<RunOutcome> outcomes) {
        Map<Long, RunOutcome> byRun = outcomes.stream()
                .collect(Collectors.toMap(RunOutcome::runId, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<Long> acknowledged = List.copyOf(byRun.keySet());
        if (byRun.isEmpty()) {
            return new FinishResponse(acknowledged);
        }
        List<Long> taskIds = runs.ownTaskIds(nodeId, acknowledged);
        if (taskIds.isEmpty()) {
            return new FinishResponse(acknowledged);
        }
        List<RunCompletion.Ending> endings = new ArrayList<>();
        List<MasterMetrics.End> ends = new ArrayList<>();
        for (RunningTask task : finishes.lockRunningByRun(taskIds, acknowledged)) {
            RunOutcome outcome = byRun.get(task.getRunId());
            RunCompletion.Ending ending = new RunCompletion.Ending(
                    task,
                    OutcomePolicy.runState(outcome.result()),
                    Math.max(0, outcome.durationMillis()),
                    truncate(outcome.message()));
            endings.add(ending);
            ends.add(new MasterMetrics.End(
                    task.getGroupId(), ending.state(), task.getPendingCause(), ending.durationMs()));
        }
        completion.complete(endings);
        // Only the outcomes that applied: a resent or stale one ended no run.
        metrics.ended(ends);
        return new FinishResponse(acknowledged);
    }

    private String truncate(String message) {
        return NodeApi.truncate(message, properties.getMessageMaxLength());
    }
}
