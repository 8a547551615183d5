package com.jm.job.master.store;

import lombok.Getter;
import lombok.Setter;

/** One edge of {@code jm_task_child}: {@code childId} gets a fire when a fire of {@code parentId} succeeds. */
@Getter
@Setter
public class TaskChild {
    private long parentId;
    private long childId;
}
