package com.jm.job.master.store;

import lombok.AllArgsConstructor;
import lombok.Getter;
import lombok.NoArgsConstructor;
import lombok.Setter;

/** One stored line of a run's log ({@code jm_run_log}). */
@Getter
@Setter
@NoArgsConstructor
@AllArgsConstructor
public class RunLogLine {
    /** The run it belongs to; set when writing (reads are of one run and leave it 0). */
    private long runId;

    private long seq;
    /** When the node wrote it, epoch milliseconds by the node's clock. */
    private long atMs;

    private String logLevel;
    /** A line about the log itself (lines dropped, the cap reached), not one a handler wrote. */
    private boolean marker;

    private String line;
}
