package com.jm.job.master.web;

import com.jm.job.master.domain.NodeRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A node in API answers; {@code online} means its last heartbeat is recent. */
public record NodeView(
        @Schema(description = "node id", example = "7") long id,
        @Schema(description = "its group", example = "1") long groupId,
        @Schema(description = "address it reported", example = "10.0.0.12") String ip,
        @Schema(description = "port it reported, if any", example = "8081") String port,
        @Schema(description = "process name it reported", example = "worker-1:4242") String instance,
        @Schema(description = "worker pool size", example = "4") int threads,
        @Schema(description = "disabled nodes get no work", example = "false") boolean disabled,
        @Schema(description = "last heartbeat is recent", example = "true") boolean online,
        @Schema(description = "last heartbeat (UTC)", example = "2026-12-01T09:30:00Z") Instant lastHeartbeatAt,
        @Schema(description = "registration time (UTC)", example = "2026-12-01T09:30:00Z") Instant startedAt,
        @Schema(description = "when it deregistered, if it did (UTC)", example = "2026-12-01T09:30:00Z")
                Instant stoppedAt) {

    public static NodeView of(NodeRecord n) {
        return new NodeView(
                n.getId(),
                n.getGroupId(),
                n.getIp(),
                n.getPort(),
                n.getInstance(),
                n.getThreads(),
                n.isDisable(),
                n.isOnline(),
                Times.utc(n.getLastHeartbeatAt()),
                Times.utc(n.getStartedAt()),
                Times.utc(n.getStoppedAt()));
    }
}
