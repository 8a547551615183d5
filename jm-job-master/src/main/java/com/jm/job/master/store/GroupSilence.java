package com.jm.job.master.store;

import java.time.LocalDateTime;
import lombok.Getter;
import lombok.Setter;

/** A group with no node online: since when (the last heartbeat of its nodes, or its creation). */
@Getter
@Setter
public class GroupSilence {
    private long groupId;
    private LocalDateTime lastSeen;
    /** The database clock when read. */
    private LocalDateTime dbNow;
}
