package com.jm.job.master.store;

import lombok.Getter;
import lombok.Setter;

/** Which task a run executes and which node it was handed to. */
@Getter
@Setter
public class RunOwner {
    private long runId;
    private long taskId;
    private long nodeId;
}
