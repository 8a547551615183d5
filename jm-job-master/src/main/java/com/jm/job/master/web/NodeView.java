package com.jm.job.master.web;

import com.jm.job.master.domain.NodeRecord;
import java.time.Instant;

/** A node in API answers; {@code online} means its last heartbeat is recent. */
public record NodeView(
        long id,
        long groupId,
        String ip,
        String port,
        String instance,
        int threads,
        boolean disabled,
        boolean online,
        Instant lastHeartbeatAt,
        Instant startedAt,
        Instant stoppedAt) {

    static NodeView of(NodeRecord n) {
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
