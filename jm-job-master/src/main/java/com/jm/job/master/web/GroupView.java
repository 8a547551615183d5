package com.jm.job.master.web;

import com.jm.job.master.domain.GroupRecord;
import java.time.Instant;

/** A group in API answers; {@code paused}: its tasks are not claimed until it is resumed. */
public record GroupView(long id, String name, boolean paused, Instant createdAt) {

    static GroupView of(GroupRecord group) {
        return new GroupView(group.getId(), group.getName(), group.isPaused(), Times.utc(group.getCreatedAt()));
    }
}
