package com.jm.job.master.store;

import java.time.LocalDateTime;
import lombok.Getter;
import lombok.Setter;

/** A cron task whose slot came, locked for firing. */
@Getter
@Setter
public class FiredTask {
    private long id;
    private long groupId;
    private int priority;
    private LocalDateTime nextFireTime;
    /** Tags a node needs to claim it (stored form), or null: which index lane it waits in. */
    private String tags;
}
