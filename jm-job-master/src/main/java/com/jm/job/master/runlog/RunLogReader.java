package com.jm.job.master.runlog;

import com.jm.job.master.domain.RunState;
import com.jm.job.master.errors.InvalidFieldException;
import com.jm.job.master.errors.NotFoundException;
import com.jm.job.master.store.RunLogLine;
import com.jm.job.master.store.RunLogMapper;
import com.jm.job.master.store.RunLogState;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads a run's log from an offset, so that a client can follow a run while it runs; may use a replica. */
@Service
public class RunLogReader {

    /** Most lines one read returns. */
    public static final int MAX_LIMIT = 1000;

    private final RunLogMapper logs;

    public RunLogReader(RunLogMapper logs) {
        this.logs = logs;
    }

    /**
     * Up to {@code limit} lines of the run from line {@code offset} (lines are numbered from 0).
     *
     * @throws NotFoundException when there is no such run
     * @throws InvalidFieldException when the offset is negative or the limit outside 1..{@value #MAX_LIMIT}
     */
    @Transactional(readOnly = true)
    public RunLogPage read(long runId, long offset, int limit) {
        if (offset < 0) {
            throw new InvalidFieldException("offset", "offset must be 0 or more (lines count from 0)");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidFieldException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        RunLogState state = logs.find(runId);
        if (state == null) {
            throw NotFoundException.of("run", runId);
        }
        List<RunLogPage.Line> lines =
                logs.read(runId, offset, limit).stream().map(RunLogReader::line).toList();
        long next = lines.isEmpty() ? offset : lines.get(lines.size() - 1).seq() + 1;
        return new RunLogPage(
                runId, lines, next, RunState.RUNNING.name().equals(state.getState()), state.getLogDropped());
    }

    private static RunLogPage.Line line(RunLogLine line) {
        return new RunLogPage.Line(
                line.getSeq(),
                Instant.ofEpochMilli(line.getAtMs()),
                line.getLogLevel(),
                line.isMarker(),
                line.getLine());
    }
}
