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
}
