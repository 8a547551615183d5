package com.jm.job.master.runlog;

import java.time.Instant;
import java.util.List;

/**
 * Lines of a run's log from an offset.
 *
 * @param runId the run
 * @param lines the lines, in order
 * @param nextOffset the offset to read from next: after the last line returned, or the same offset
 *     when none was
 * @param running whether the run is still running (more lines may come)
 * @param dropped lines of the run that were not kept: dropped on its node, or past the cap
 */
public record RunLogPage(long runId, List<Line> lines, long nextOffset, boolean running, long dropped) {

    /** One line: its offset, when the node wrote it, its level, whether it is about the log itself, and its text. */
    public record Line(long seq, Instant at, String level, boolean marker, String text) {}
}
