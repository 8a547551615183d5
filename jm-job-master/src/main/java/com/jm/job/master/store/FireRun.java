package com.jm.job.master.store;

import com.jm.job.master.domain.Trigger;
import java.time.LocalDateTime;
import lombok.Getter;
import lombok.Setter;

/** The run row that records a multi-run fire as a whole: it has no node; its units' runs name it. */
@Getter
@Setter
public class FireRun {
    /** Filled in by the insert's generated key. */
    private Long id;

    private long taskId;
    private int attempt;
    private Trigger trigger;
    /** The fire's own params, or null when it runs the task's. */
    private String params;

    private Long parentRunId;
    private LocalDateTime scheduledAt;
    /** How many runs the fire has. */
    private int shardTotal;
}
