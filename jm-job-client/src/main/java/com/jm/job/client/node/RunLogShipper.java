package com.jm.job.client.node;

import com.jm.job.client.RunLogSink;
import com.jm.job.client.master.MasterClient;
import com.jm.job.client.master.MasterException;
import com.jm.job.client.master.MasterUnavailableException;
import com.jm.job.client.master.UnknownNodeException;
import com.jm.job.common.protocol.LogLevel;
import com.jm.job.common.protocol.LogLine;
import com.jm.job.common.protocol.LogsRequest;
import com.jm.job.common.protocol.NodeApi;
import com.jm.job.common.protocol.RunLogBatch;
import com.jm.job.common.protocol.RunLogText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships the lines runs write to the master in batches (thread {@code jm-job-logs}). Writing a line
 * only appends it to a bounded buffer: a handler is never held up, whatever the master does. While
 * the master is away the lines wait in the buffer and go once it answers; a line that finds the
 * buffer full is dropped and counted, and the count goes with the run's next batch so that the
 * master can say in the log that lines are missing. Outcomes go their own way ({@link
 * OutcomeReporter}), so a flood of log lines cannot delay one.
 *
 * <p>While a run's handler runs (from {@link #open} to {@link #close}, and as long as lines of it
 * are left to send after that), each line gets the run's next number as it is written, a dropped
 * one too. Lines stay in the buffer until the master acknowledged them, so after an answer that
 * was lost (the master may have stored them) they go again with the same numbers, and the master
 * keeps what it had not seen. A line written for a run this shipper no longer tracks (a thread of
 * the handler that outlived it, after the run's lines were all sent) goes without a number, as
 * nodes before numbering sent every line: appended, but not recognised if sent twice.
 */
public class RunLogShipper extends NodeLoop {

    /** Default: most lines the buffer holds. */
    public static final int DEFAULT_BUFFER_LINES = 10_000;
    /** Default: how long lines gather before a partial batch is sent. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);
    /**
     * Most characters the buffer holds whatever its line count, so that long lines cannot use much
     * memory (8 MiB of UTF-16).
     */
    public static final int MAX_BUFFER_CHARS = 4 * 1024 * 1024;
    /** A batch stays well under the master's default request size limit (512 KB). */
    static final int MAX_BATCH_BYTES = 256 * 1024;

    private static final Logger log = LoggerFactory.getLogger(RunLogShipper.class);
    private static final Duration IDLE_WAIT = Duration.ofMinutes(1);

    private final MasterClient master;
    private final int bufferLines;
    private final Duration flushInterval;
    private final Backoff backoff;
    private final Clock clock;
    // Guarded by itself; runs in the order they started or first wrote, so no run waits behind
    // newer ones. A run executing now stays here (with its line numbers) even with nothing to send.
    private final Map<Long, RunBuffer> runs = new LinkedHashMap<>();
    private int bufferedLines;
    private long bufferedChars;
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param master where lines go
     * @param bufferLines most lines held (those not yet acknowledged by the master)
     * @param flushInterval how long a partial batch gathers more lines
     * @param backoff delays between attempts while the master is unreachable
     * @param clock the time each line is stamped with
     */
    public RunLogShipper(MasterClient master, int bufferLines, Duration flushInterval, Backoff backoff, Clock clock) {
        super("jm-job-logs");
        this.master = master;
        this.bufferLines = bufferLines;
        this.flushInterval = flushInterval;
        this.backoff = backoff;
        this.clock = clock;
    }

    /** Where a run's {@code JobContext.log} lines go. */
    public RunLogSink sink(long nodeId, long runId) {
        return (level, text) -> write(nodeId, runId, level, text);
    }

    /** The run's handler starts: lines tagged with its id (captured SLF4J lines) are taken from now on. */
    void open(long nodeId, long runId) {
        synchronized (runs) {
            runs.computeIfAbsent(runId, id -> new RunBuffer(nodeId, 0L)).open = true;
        }
    }

    /** The run's handler returned: tagged lines that still arrive are not its log any more. */
    void close(long runId) {
        synchronized (runs) {
            RunBuffer run = runs.get(runId);
            if (run != null) {
                run.open = false;
                if (run.idle()) {
                    runs.remove(runId);
                }
            }
        }
    }

    /**
     * Takes a line tagged with a run id, if that run is executing on this node; a tag of another
     * node in the same JVM, or of a run that ended, is ignored.
     */
    public void writeTagged(long runId, LogLevel level, String text) {
        synchronized (runs) {
            RunBuffer run = runs.get(runId);
            if (run != null && run.open) {
                write(run.nodeId, runId, level, text);
            }
        }
    }

    /** Buffers a line of a run, or counts it as dropped when the buffer is full; never blocks on I/O. */
    public void write(long nodeId, long runId, LogLevel level, String text) {
        Instant at = clock.instant();
        String clean = RunLogText.clean(text);
        boolean wake;
        synchronized (runs) {
            RunBuffer run = runs.computeIfAbsent(runId, id -> new RunBuffer(nodeId, null));
            Long seq = run.nextSeq;
            if (seq != null) {
                run.nextSeq = seq + 1; // a dropped line uses up its number: the master counts the gap
            }
            if (bufferedLines >= bufferLines || bufferedChars + clean.length() > MAX_BUFFER_CHARS) {
                run.dropped++;
                dropped.incrementAndGet();
                return;
            }
            LogLine line = new LogLine(at, level, clean, seq);
            run.lines.add(line);
            bufferedLines++;
            bufferedChars += line.text().length();
            wake = bufferedLines == 1 || bufferedLines == NodeApi.MAX_LOG_LINES;
        }
        if (wake) {
            waiter.wake();
        }
    }

    /** Lines buffered now, not yet acknowledged by the master. */
    public int bufferedLines() {
        synchronized (runs) {
            return bufferedLines;
        }
    }

    /** Lines dropped since the node started: the buffer was full, or the master refused or forgot them. */
    public long droppedLines() {
        return dropped.get();
    }

    @Override
    protected void runOnce() throws InterruptedException {
        if (!hasWork()) {
            waiter.await(IDLE_WAIT);
            return;
        }
        if (bufferedLines() < NodeApi.MAX_LOG_LINES) {
            waiter.await(flushInterval); // gather more; a full batch ends this wait early
        }
        if (sendBatch()) {
            backoff.reset();
        } else {
            pause(backoff.next());
        }
    }

    /** Stops the thread and sends what is left within the timeout; used at shutdown, after the last run. */
    public void drain(Duration timeout) {
        stop(timeout);
        Instant deadline = clock.instant().plus(timeout);
        try {
            boolean sent = true;
            while (sent && hasWork() && clock.instant().isBefore(deadline)) {
                sent = sendBatch();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = bufferedLines();
        if (left > 0) {
            log.warn("{} run log lines could not be shipped before shutdown", left);
        }
    }

    private boolean hasWork() {
        synchronized (runs) {
            return runs.values().stream().anyMatch(run -> !run.idle());
        }
    }

    /** Sends the oldest lines of one node id; {@code false} when the master should be left alone a while. */
    private boolean sendBatch() throws InterruptedException {
        Batch batch = nextBatch();
        if (batch.runs().isEmpty()) {
            return true;
        }
        try {
            master.logs(new LogsRequest(batch.nodeId(), batch.runs()));
            forget(batch, false);
            return true;
        } catch (MasterUnavailableException e) {
            // Kept: they go once the master answers; meanwhile the buffer's bound decides what is dropped.
            log.debug("Could not ship {} run log lines, keeping them: {}", batch.lines(), e.getMessage());
            return false;
        } catch (UnknownNodeException e) {
            // The master dropped that node and has ended its runs; these lines have nowhere to go.
            forget(batch, true);
            log.warn("Dropped {} run log lines of node {}: {}", batch.lines(), batch.nodeId(), e.getMessage());
            return true;
        } catch (MasterException e) {
            forget(batch, true);
            log.warn("The master refused {} run log lines; dropped them: {}", batch.lines(), e.getMessage());
            return false;
        }
    }

    /** The oldest lines of the first run's node id, within the protocol's and the size limit. */
    private Batch nextBatch() {
        synchronized (runs) {
            List<RunLogBatch> batches = new ArrayList<>();
            long nodeId = 0;
            int lines = 0;
            long bytes = 0;
            for (Map.Entry<Long, RunBuffer> entry : runs.entrySet()) {
                RunBuffer run = entry.getValue();
                if (run.idle()) {
                    continue; // executing, nothing to send yet
                }
                if (batches.isEmpty()) {
                    nodeId = run.nodeId;
                } else if (run.nodeId != nodeId) {
                    continue;
                }
                List<LogLine> taken = new ArrayList<>();
                // The number after the batch: the first line left behind's, or the run's next.
                Long nextSeq = run.nextSeq;
                for (LogLine line : run.lines) {
                    // A line's JSON is at most a few times its text; the first line always goes.
                    long size = 80 + 6L * line.text().length();
                    if (lines == NodeApi.MAX_LOG_LINES || (lines > 0 && bytes + size > MAX_BATCH_BYTES)) {
                        nextSeq = line.seq();
                        break;
                    }
                    taken.add(line);
                    lines++;
                    bytes += size;
                }
                if (taken.isEmpty() && (run.dropped == 0 || !run.lines.isEmpty())) {
                    break; // the batch is full
                }
                batches.add(new RunLogBatch(entry.getKey(), taken, run.dropped, nextSeq));
                if (batches.size() == NodeApi.MAX_LOG_LINES || taken.size() < run.lines.size()) {
                    break;
                }
            }
            return new Batch(nodeId, batches, lines);
        }
    }

    /**
     * Removes what a batch carried; {@code lost} when the master did not take it, so that its lines
     * count as dropped here (the master refused or forgot the runs; it sees their numbers missing
     * only if a later batch of the run gets through).
     */
    private void forget(Batch batch, boolean lost) {
        synchronized (runs) {
            for (RunLogBatch sent : batch.runs()) {
                RunBuffer run = runs.get(sent.runId());
                for (int i = 0; i < sent.lines().size(); i++) {
                    bufferedChars -= run.lines.removeFirst().text().length();
                }
                bufferedLines -= sent.lines().size();
                run.dropped -= sent.dropped();
                if (lost) {
                    dropped.addAndGet(sent.lines().size());
                }
            }
            runs.values().removeIf(run -> run.idle() && !run.open);
        }
    }

    private static final class RunBuffer {

        final long nodeId;
        final ArrayDeque<LogLine> lines = new ArrayDeque<>();
        long dropped;
        /** The number the run's next line gets; {@code null} for a run whose lines go unnumbered. */
        Long nextSeq;
        /** Its handler is running: kept, with its numbering, when nothing is left to send. */
        boolean open;

        RunBuffer(long nodeId, Long nextSeq) {
            this.nodeId = nodeId;
            this.nextSeq = nextSeq;
        }

        boolean idle() {
            return lines.isEmpty() && dropped == 0;
        }
    }

    private record Batch(long nodeId, List<RunLogBatch> runs, int lines) {}
}
