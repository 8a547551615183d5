package com.jm.job.master.runlog;

import com.jm.job.common.protocol.RunLogBatch;
import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.node.NodeRuns;
import com.jm.job.master.store.RunLogCounts;
import com.jm.job.master.store.RunLogLine;
import com.jm.job.master.store.RunLogMapper;
import com.jm.job.master.store.RunLogState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the lines nodes ship, bounded per run. A run's counters live on its run row, which is
 * locked while its lines are appended, so concurrent batches of a run get consecutive offsets and
 * one cap, and a batch sent again is recognised by its numbers ({@link RunLogAppender}).
 *
 * <p>One call is one transaction with one multi-row insert of every run's lines and one update of
 * their counters: it locks the runs' rows in id order with {@code SKIP LOCKED}, so it never waits
 * for a run row while holding others. That matters because finish reports and lease expiry lock run rows too, after their task
 * rows and not in run id order ({@code FinishMapper.endRuns} goes in task order, and a fire's end
 * then locks all its units' runs, {@code FireMapper.moveUnitRuns}): a log transaction waiting for
 * one of those while holding another run could close a deadlock with them. A run whose row is
 * busy (a finish of it, another call for it) is appended afterwards in a transaction of its own
 * that locks that one row, waiting while holding nothing else. Log transactions lock nothing but
 * run rows and their new lines, so no finish waits on them in another order.
 */
@Service
public class RunLogWriter {

    /** Rows per insert statement: 6 parameters each keeps a statement far below the 65,535 allowed. */
    static final int INSERT_ROWS = 1_000;

    private final NodeRuns nodeRuns;
    private final RunLogMapper logs;
    private final TransactionTemplate transactions;
    private final JmJobMasterProperties properties;
    private final Clock clock;

    public RunLogWriter(
            NodeRuns nodeRuns,
            RunLogMapper logs,
            TransactionTemplate transactions,
            JmJobMasterProperties properties,
            Clock clock) {
        this.nodeRuns = nodeRuns;
        this.logs = logs;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Appends each run's lines; refuses (403, nothing stored) a call naming a run another node was
     * handed, and (400, nothing stored) one whose numbering is broken ({@link RunLogNumbering}).
     * Lines of runs that no longer exist (deleted by retention) are dropped.
     */
    public void append(long nodeId, List<RunLogBatch> runs) {
        RunLogNumbering.check(runs);
        Set<Long> known = Set.copyOf(
                nodeRuns.ownRunIds(nodeId, runs.stream().map(RunLogBatch::runId).toList()));
        // By run id, each run's batches in the order they came.
        Map<Long, List<RunLogBatch>> byRun = runs.stream()
                .filter(run -> known.contains(run.runId()))
                .filter(run -> !run.lines().isEmpty() || run.dropped() > 0 || run.nextSeq() != null)
                .collect(Collectors.groupingBy(RunLogBatch::runId, TreeMap::new, Collectors.toList()));
        if (byRun.isEmpty()) {
            return;
        }
        Set<Long> done =
                transactions.execute(status -> appendTo(byRun, logs.lockFreeRuns(List.copyOf(byRun.keySet()))));
        byRun.keySet().stream()
                .filter(runId -> !done.contains(runId))
                .forEach(runId -> transactions.executeWithoutResult(status -> {
                    RunLogState state = logs.lockRun(runId);
                    if (state != null) {
                        appendTo(Map.of(runId, byRun.get(runId)), List.of(state));
                    }
                }));
    }

    /** Appends the batches of the runs whose rows are locked; answers those runs. */
    private Set<Long> appendTo(Map<Long, List<RunLogBatch>> byRun, List<RunLogState> locked) {
        Map<Long, RunLogState> states = locked.stream()
                .collect(Collectors.toMap(RunLogState::getRunId, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<RunLogLine> lines = new ArrayList<>();
        List<RunLogCounts> counts = new ArrayList<>();
        for (RunLogState state : states.values()) {
            RunLogAppender appender = new RunLogAppender(state, properties.getRunLog(), clock);
            byRun.get(state.getRunId()).forEach(appender::take);
            if (appender.changed) {
                lines.addAll(appender.lines);
                counts.add(new RunLogCounts(
                        state.getRunId(),
                        appender.lines.size(),
                        appender.bytes,
                        appender.dropped,
                        appender.capped,
                        appender.nodeSeq));
            }
        }
        for (int from = 0; from < lines.size(); from += INSERT_ROWS) {
            logs.insertLines(lines.subList(from, Math.min(lines.size(), from + INSERT_ROWS)));
        }
        if (!counts.isEmpty()) {
            logs.addToCounts(counts);
        }
        return states.keySet();
    }
}
