package com.jm.job.master.store;

import com.jm.job.master.domain.RunState;
import java.time.LocalDateTime;
import lombok.Getter;
import lombok.Setter;

/** A run that failed, with the name of the task an operator knows it by. */
@Getter
@Setter
public class FailedRun {
    private long runId;
    private long taskId;
    private String taskName;
    private RunState state;
    private LocalDateTime finishedAt;
    private String message;
}
