package com.jm.job.master.runlog;

import com.jm.job.common.protocol.LogLevel;
import com.jm.job.common.protocol.LogLine;
import com.jm.job.common.protocol.RunLogBatch;
import com.jm.job.common.protocol.RunLogText;
import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.node.NodeRuns;
import com.jm.job.master.store.RunLogLine;
import com.jm.job.master.store.RunLogMapper;
import com.jm.job.master.store.RunLogState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the lines nodes ship, bounded per run. Each run's lines are appended in a transaction of
 * their own that locks that one run row (where its counters live), so concurrent batches of a run
 * get consecutive offsets and one cap, and no lock is held that a finish report could be waiting
 * for in another order.
 */
@Service
public class RunLogWriter {

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
     * handed. Lines of runs that no longer exist (deleted by retention) are dropped.
     */
    public void append(long nodeId, List<RunLogBatch> runs) {
        Set<Long> known = Set.copyOf(
                nodeRuns.ownRunIds(nodeId, runs.stream().map(RunLogBatch::runId).toList()));
        runs.stream()
                .filter(run -> known.contains(run.runId()))
                .filter(run -> !run.lines().isEmpty() || run.dropped() > 0)
                .sorted(Comparator.comparingLong(RunLogBatch::runId))
                .forEach(run -> transactions.executeWithoutResult(status -> appendTo(run)));
    }

    private void appendTo(RunLogBatch run) {
        RunLogState state = logs.lockRun(run.runId());
        if (state == null) {
            return;
        }
        Appender appender = new Appender(state);
        if (run.dropped() > 0) {
            appender.dropped += run.dropped();
            appender.add(marker(
                    at(run, 0),
                    run.dropped() + " lines of this run were dropped on its node before they"
                            + " were shipped (its run log buffer was full: the master was away, or lines came faster"
                            + " than they could be sent)"));
        }
        for (int i = 0; i < run.lines().size(); i++) {
            LogLine line = run.lines().get(i);
            String text = RunLogText.clean(line.text());
            appender.add(new RunLogLine(0, millis(line.at()), line.level().name(), false, text));
        }
        if (!appender.lines.isEmpty()) {
            logs.insertLines(run.runId(), appender.lines);
        }
        logs.addToCounts(run.runId(), appender.lines.size(), appender.bytes, appender.dropped, appender.capped);
    }

    private RunLogLine marker(long atMs, String text) {
        return new RunLogLine(0, atMs, LogLevel.WARN.name(), true, "[jm-job] " + text);
    }

    /** When the batch's {@code index}th line was written, or now when it has none. */
    private long at(RunLogBatch run, int index) {
        return index < run.lines().size() ? millis(run.lines().get(index).at()) : clock.millis();
    }

    /** Any instant a node sends is stored; those beyond a long of milliseconds are pinned to its ends. */
    private static long millis(Instant at) {
        try {
            return at.toEpochMilli();
        } catch (ArithmeticException e) {
            return at.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** The lines of one batch that fit under the run's cap, numbered on from what the run holds. */
    private final class Appender {

        final List<RunLogLine> lines = new ArrayList<>();
        final int maxLines = properties.getRunLog().getMaxLines();
        final long maxBytes = properties.getRunLog().getMaxBytes().toBytes();
        int seq;
        long bytes;
        long totalBytes;
        long dropped;
        boolean capped;

        Appender(RunLogState state) {
            this.seq = state.getLogLines();
            this.totalBytes = state.getLogBytes();
            this.capped = state.isLogCapped();
        }

        void add(RunLogLine line) {
            if (capped) {
                dropped += line.isMarker() ? 0 : 1;
                return;
            }
            int size = RunLogText.utf8Length(line.getLine());
            // One line is always left for the cap's marker, which may pass the byte cap.
            if (seq + 1 >= maxLines || totalBytes + size > maxBytes) {
                capped = true;
                put(marker(
                        line.getAtMs(),
                        "the log of this run reached its cap (" + maxLines + " lines or " + maxBytes
                                + " bytes, jm.job.master.run-log.*); later lines are dropped"));
                dropped += line.isMarker() ? 0 : 1;
                return;
            }
            put(line);
        }

        private void put(RunLogLine line) {
            int size = RunLogText.utf8Length(line.getLine());
            line.setSeq(seq++);
            lines.add(line);
            bytes += size;
            totalBytes += size;
        }
    }
}
