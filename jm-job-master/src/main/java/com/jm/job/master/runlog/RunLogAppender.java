package com.jm.job.master.runlog;

import com.jm.job.common.protocol.LogLevel;
import com.jm.job.common.protocol.LogLine;
import com.jm.job.common.protocol.RunLogBatch;
import com.jm.job.common.protocol.RunLogText;
import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.store.RunLogLine;
import com.jm.job.master.store.RunLogState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one call's batches of one run add to its log, worked out from the run's counters read with
 * its row locked: the lines that fit under the cap, numbered on from what the run holds, markers for
 * lines dropped and for the cap, and the counters' increments. Stores nothing itself.
 */
final class RunLogAppender {

    final long runId;
    final List<RunLogLine> lines = new ArrayList<>();
    private final int maxLines;
    private final long maxBytes;
    private final Clock clock;
    private int seq;
    long bytes;
    private long totalBytes;
    long dropped;
    boolean capped;
    /** The node's number for the run's next line; {@code null} while no numbered batch came. */
    Long nodeSeq;
    /** Some batch added lines or counts (one sent again adds nothing). */
    boolean changed;

    RunLogAppender(RunLogState state, JmJobMasterProperties.RunLog limits, Clock clock) {
        this.runId = state.getRunId();
        this.maxLines = limits.getMaxLines();
        this.maxBytes = limits.getMaxBytes().toBytes();
        this.clock = clock;
        this.seq = state.getLogLines();
        this.totalBytes = state.getLogBytes();
        this.capped = state.isLogCapped();
        this.nodeSeq = state.getLogNodeSeq();
    }

    /** Adds one batch of the run, after those taken before it. */
    void take(RunLogBatch run) {
        if (run.nextSeq() == null) {
            takeUnnumbered(run);
        } else {
            takeNumbered(run);
        }
    }

    /** A batch of a node that does not number lines: appended as it is, after its count of drops. */
    private void takeUnnumbered(RunLogBatch run) {
        if (run.lines().isEmpty() && run.dropped() == 0) {
            return;
        }
        changed = true;
        if (run.dropped() > 0) {
            nodeDropped(
                    run.dropped(),
                    run.lines().isEmpty()
                            ? clock.millis()
                            : millis(run.lines().get(0).at()));
        }
        run.lines().forEach(line -> add(line(line)));
    }

    /**
     * A numbered batch: only its lines from the node's next number on are new (those below were
     * stored from an earlier send whose answer the node did not get), and each number missing up to
     * {@code nextSeq} is a line the node dropped, marked where it would have been. A batch not past
     * the node's next number was taken before and adds nothing.
     */
    private void takeNumbered(RunLogBatch run) {
        long expected = nodeSeq == null ? 0 : nodeSeq;
        if (run.nextSeq() <= expected) {
            return;
        }
        changed = true;
        long lastAt = clock.millis();
        for (LogLine line : run.lines()) {
            if (line.seq() < expected) {
                continue;
            }
            lastAt = millis(line.at());
            if (line.seq() > expected) {
                nodeDropped(line.seq() - expected, lastAt);
            }
            add(line(line));
            expected = line.seq() + 1;
        }
        if (run.nextSeq() > expected) {
            nodeDropped(run.nextSeq() - expected, lastAt);
        }
        nodeSeq = run.nextSeq();
    }

    /** {@code count} lines the node dropped, marked at the place they would have been. */
    private void nodeDropped(long count, long atMs) {
        dropped = plus(dropped, count);
        add(marker(
                atMs,
                count + " lines of this run were dropped on its node before they"
                        + " were shipped (its run log buffer was full: the master was away, or lines came faster"
                        + " than they could be sent)"));
    }

    private void add(RunLogLine line) {
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

    private RunLogLine line(LogLine line) {
        return new RunLogLine(runId, 0, millis(line.at()), line.level().name(), false, RunLogText.clean(line.text()));
    }

    private RunLogLine marker(long atMs, String text) {
        return new RunLogLine(runId, 0, atMs, LogLevel.WARN.name(), true, "[jm-job] " + text);
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
}
