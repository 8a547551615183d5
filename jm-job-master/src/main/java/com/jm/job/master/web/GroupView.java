package com.jm.job.master.web;

import com.jm.job.master.domain.GroupRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A group in API answers. */
public record GroupView(
        @Schema(description = "the group id", example = "1") long id,
        @Schema(description = "unique name", example = "billing") String name,
        @Schema(description = "paused: its tasks are not claimed until it is resumed", example = "false")
                boolean paused,
        @Schema(description = "when it was created (UTC)", example = "2026-12-01T09:30:00Z") Instant createdAt) {

    public static GroupView of(GroupRecord group) {
        return new GroupView(group.getId(), group.getName(), group.isPaused(), Times.utc(group.getCreatedAt()));
    }
}
