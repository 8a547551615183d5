package com.jm.job.master.domain;

import java.time.LocalDateTime;
import lombok.Getter;
import lombok.Setter;

/** A row of {@code jm_group}. */
@Getter
@Setter
public class GroupRecord {
    private Long id;
    private String name;
    /** Paused: its tasks are not claimed (running runs finish). */
    private boolean paused;

    private LocalDateTime createdAt;
}
