package com.jm.job.master.store;

import lombok.Getter;
import lombok.Setter;

/** The units of one fire by how far they got. */
@Getter
@Setter
public class UnitCount {
    private long taskId;
    /** The fire's record run: a task with overlap PARALLEL can have several fires at once. */
    private long fireRunId;

    private int total;
    /** Running, or pending while enabled: the fire is not over. */
    private int unfinished;

    private int failed;
    private int succeeded;

    /** Units that will not run: pending after the task was disabled. */
    public int cancelled() {
        return total - unfinished - failed - succeeded;
    }
}
