package com.jm.job.master.store;

import java.time.LocalDateTime;
import lombok.Getter;
import lombok.Setter;

/** When a run was due and when it started, for the late-fire alarm. */
@Getter
@Setter
public class RunStart {
    private long id;
    private long taskId;
    private long groupId;
    /** On a unit's run: the task whose fire it is. */
    private Long unitOf;
    /** On a unit's run: the fire's record run. */
    private Long fireId;

    private LocalDateTime scheduledAt;
    private LocalDateTime startedAt;
}
