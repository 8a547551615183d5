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
     * handed, and (400, nothing stored) one whose numbering is broken ({@link RunLogNumbering}).
     * Lines of runs that no longer exist (deleted by retention) are dropped.
     */
    public void append(long nodeId, List<RunLogBatch> runs) {
        RunLogNumbering.check(runs);
        Set<Long> known = Set.copyOf(
                nodeRuns.ownRunIds(nodeId, runs.stream().map(RunLogBatch::runId).toList()));
        runs.stream()
                .filter(run -> known.contains(run.runId()))
                .filter(run -> !run.lines().isEmpty() || run.dropped() > 0 || run.nextSeq() != null)
                .sorted(Comparator.comparingLong(RunLogBatch::runId))
                .forEach(run -> transactions.executeWithoutResult(status -> appendTo(run)));
    }

    private void appendTo(RunLogBatch run) {
        RunLogState state = logs.lockRun(run.runId());
        if (state == null) {
            return;
        }
        Appender appender = new Appender(state);
        if (run.nextSeq() == null) {
            appendUnnumbered(run, appender);
        } else if (!appendNumbered(run, state, appender)) {
            return;
        }
        if (!appender.lines.isEmpty()) {
            logs.insertLines(run.runId(), appender.lines);
        }
        logs.addToCounts(
                run.runId(), appender.lines.size(), appender.bytes, appender.dropped, appender.capped, run.nextSeq());
    }

    /** A batch of a node that does not number lines: appended as it is, after its count of drops. */
    private void appendUnnumbered(RunLogBatch run, Appender appender) {
        if (run.dropped() > 0) {
            appender.nodeDropped(run.dropped(), at(run, 0));
        }
        for (LogLine line : run.lines()) {
            appender.add(line(line));
        }
    }

    /**
     * A numbered batch: only its lines from the run's {@code log_node_seq} on are new (those below
     * were stored from an earlier send whose answer the node did not get), and each number missing
     * up to {@code nextSeq} is a line the node dropped, marked where it would have been. Answers
     * {@code false}, storing nothing, for a batch that holds nothing new: sent again.
     */
    private boolean appendNumbered(RunLogBatch run, RunLogState state, Appender appender) {
        long expected = state.getLogNodeSeq() == null ? 0 : state.getLogNodeSeq();
        if (run.nextSeq() <= expected) {
            return false;
        }
        long lastAt = clock.millis();
        for (LogLine line : run.lines()) {
            if (line.seq() < expected) {
                continue;
            }
            lastAt = millis(line.at());
            if (line.seq() > expected) {
                appender.nodeDropped(line.seq() - expected, lastAt);
            }
            appender.add(line(line));
            expected = line.seq() + 1;
        }
        if (run.nextSeq() > expected) {
            appender.nodeDropped(run.nextSeq() - expected, lastAt);
        }
        return true;
    }

    private static RunLogLine line(LogLine line) {
        return new RunLogLine(0, millis(line.at()), line.level().name(), false, RunLogText.clean(line.text()));
    }

    private RunLogLine marker(long atMs, String text) {
        return new RunLogLine(0, atMs, LogLevel.WARN.name(), true, "[jm-job] " + text);
    }

    /** When the batch's {@code index}th line was written, or now when it has none. */
    private long at(RunLogBatch run, int index) {
        return index < run.lines().size() ? millis(run.lines().get(index).at()) : clock.millis();
    }

    /** A sum of counts a node sent, which stops at the largest long rather than wrapping. */
    private static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
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

        /** {@code count} lines the node dropped, marked at the place they would have been. */
        void nodeDropped(long count, long atMs) {
            dropped = plus(dropped, count);
            add(marker(
                    atMs,
                    count + " lines of this run were dropped on its node before they"
                            + " were shipped (its run log buffer was full: the master was away, or lines came faster"
                            + " than they could be sent)"));
        }

        void add(RunLogLine line) {
            if (capped) {
                dropped = plus(dropped, line.isMarker() ? 0 : 1);
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
                dropped = plus(dropped, line.isMarker() ? 0 : 1);
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
