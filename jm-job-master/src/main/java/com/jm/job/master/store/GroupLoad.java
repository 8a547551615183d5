package com.jm.job.master.store;

import lombok.Getter;
import lombok.Setter;

/** A group's count of one kind (pending tasks, running tasks or online nodes), for the metrics. */
@Getter
@Setter
public class GroupLoad {
    private long groupId;
    private long count;
}
