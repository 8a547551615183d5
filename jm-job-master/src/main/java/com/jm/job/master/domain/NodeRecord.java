package com.jm.job.master.domain;

import java.time.LocalDateTime;
import lombok.Getter;
import lombok.Setter;

/** A row of {@code jm_node}, with {@code online} worked out by the query from the heartbeat age. */
@Getter
@Setter
public class NodeRecord {
    private Long id;
    private long groupId;
    private String ip;
    private String port;
    private String instance;
    private int threads;
    private boolean disable;
    /** Whether the node's group is paused (read with the node for dispatch). */
    private boolean groupPaused;
    /** The node's tags, in {@link Tags}' stored form; null for none. */
    private String tags;
    /** Whether the node acknowledges what a poll hands it, so its runs start on the delivery lease. */
    private boolean acksDelivery;

    private boolean online;
    private LocalDateTime lastHeartbeatAt;
    private LocalDateTime startedAt;
    private LocalDateTime stoppedAt;
    /** SHA-256 (hex) of the secret the latest registration handed out; never leaves the master. */
    private String sessionHash;
}
