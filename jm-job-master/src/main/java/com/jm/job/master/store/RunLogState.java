package com.jm.job.master.store;

import lombok.Getter;
import lombok.Setter;

/** What a run's log holds so far, read with its run row. */
@Getter
@Setter
public class RunLogState {
    private long runId;
    private String state;
    private int logLines;
    private long logBytes;
    private long logDropped;
    private boolean logCapped;
    /** The node's number for the run's next line: lines numbered below it are stored or counted. */
    private Long logNodeSeq;
}
