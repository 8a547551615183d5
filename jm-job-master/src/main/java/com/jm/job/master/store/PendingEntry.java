package com.jm.job.master.store;

import java.time.LocalDateTime;
import lombok.Getter;
import lombok.Setter;

/** A claimable pending task as the pending index holds it. */
@Getter
@Setter
public class PendingEntry {
    private long id;
    private long groupId;
    private int priority;
    private LocalDateTime nextFireTime;
    /** The one node that may claim it (a broadcast run), or null. */
    private Long targetNodeId;
    /** Tags a node needs to claim it (stored form), or null. */
    private String tags;
}
