package com.jm.job.master.web;

import com.jm.job.master.domain.GroupRecord;
import java.time.Instant;

/** A group in API answers. */
public record GroupView(long id, String name, Instant createdAt) {

    static GroupView of(GroupRecord group) {
        return new GroupView(group.getId(), group.getName(), Times.utc(group.getCreatedAt()));
    }
}
