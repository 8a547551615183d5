package com.jm.job.master.store;

import com.jm.job.master.domain.TaskStatus;
import lombok.Getter;
import lombok.Setter;

/** How many tasks of a group are in one status. */
@Getter
@Setter
public class StatusCount {
    private TaskStatus status;
    private long count;
}
