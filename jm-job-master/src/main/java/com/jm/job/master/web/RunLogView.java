package com.jm.job.master.web;

import com.jm.job.master.runlog.RunLogPage;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * Lines of a run's log from an offset. To follow a run, read again from {@code nextOffset} while
 * {@code running} is true, and once more after it turns false: the node ships lines in batches, so
 * the last ones may land shortly after the run ended.
 */
public record RunLogView(
        @Schema(description = "the run", example = "1001") long runId,
        @Schema(description = "the lines from the offset, in order") List<Line> lines,
        @Schema(description = "the offset to read from next (the same one when no line was returned)", example = "3")
                long nextOffset,
        @Schema(description = "whether the run is still running, so more lines may come", example = "true")
                boolean running,
        @Schema(description = "lines of the run not kept: dropped on its node, or past the cap", example = "0")
                long dropped) {

    /** One line, as the handler wrote it (any text, cut at 8000 characters). */
    public record Line(
            @Schema(description = "the line's offset, from 0", example = "0") long seq,
            @Schema(description = "when the node wrote it, by the node's clock", example = "2026-12-01T10:00:00.123Z")
                    Instant at,
            @Schema(description = "TRACE, DEBUG, INFO, WARN or ERROR", example = "INFO") String level,
            @Schema(
                            description = "true for a line about the log itself: lines dropped, the cap reached",
                            example = "false")
                    boolean marker,
            @Schema(description = "the text, as written; control characters are data", example = "sent 12 invoices")
                    String text) {}

    public static RunLogView of(RunLogPage page) {
        return new RunLogView(
                page.runId(),
                page.lines().stream()
                        .map(l -> new Line(l.seq(), l.at(), l.level(), l.marker(), l.text()))
                        .toList(),
                page.nextOffset(),
                page.running(),
                page.dropped());
    }
}
