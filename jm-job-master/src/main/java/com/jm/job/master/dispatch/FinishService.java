package com.jm.job.master.dispatch;

import com.jm.job.common.protocol.FinishResponse;
import com.jm.job.common.protocol.RunOutcome;
import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.service.NotFoundException;
import com.jm.job.master.store.FinishMapper;
import com.jm.job.master.store.NodeMapper;
import com.jm.job.master.store.RunningTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a node's batch of finished runs in one transaction: the run rows end and their tasks move
 * on together. An outcome applies only to the task's current run held by the reporting node; a
 * resent or stale one changes nothing. Every outcome is acknowledged, applied or not, because
 * sending it again could never change the answer.
 */
@Service
public class FinishService {

    private static final Logger log = LoggerFactory.getLogger(FinishService.class);

    private final FinishMapper finishes;
    private final NodeMapper nodes;
    private final RunCompletion completion;
    private final JmJobMasterProperties properties;

    public FinishService(
            FinishMapper finishes, NodeMapper nodes, RunCompletion completion, JmJobMasterProperties properties) {
        this.finishes = finishes;
        this.nodes = nodes;
        this.completion = completion;
        this.properties = properties;
    }

    @Transactional(isolation = Isolation.READ_COMMITTED)
    public FinishResponse finish(long nodeId, List<RunOutcome> outcomes) {
        if (nodes.countById(nodeId) == 0) {
            // Answering 404 (not an acknowledgement) makes the node register and resend: nothing is dropped.
            throw new NotFoundException("no registered node with id " + nodeId + "; register again");
        }
        Map<Long, RunOutcome> byRun = outcomes.stream()
                .collect(Collectors.toMap(RunOutcome::runId, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<Long> acknowledged = List.copyOf(byRun.keySet());
        if (byRun.isEmpty()) {
            return new FinishResponse(acknowledged);
        }
        List<RunCompletion.Ending> endings = new ArrayList<>();
        for (RunningTask task : finishes.lockRunningByRun(acknowledged)) {
            if (task.getNodeId() != nodeId) {
                log.warn("Node {} reported run {} held by node {}; ignored", nodeId, task.getRunId(), task.getNodeId());
                continue;
            }
            RunOutcome outcome = byRun.get(task.getRunId());
            endings.add(new RunCompletion.Ending(
                    task,
                    OutcomePolicy.runState(outcome.result()),
                    Math.max(0, outcome.durationMillis()),
                    truncate(outcome.message())));
        }
        completion.complete(endings);
        return new FinishResponse(acknowledged);
    }

    private String truncate(String message) {
        int max = properties.getMessageMaxLength();
        return message == null || message.length() <= max ? message : message.substring(0, max);
    }
}
