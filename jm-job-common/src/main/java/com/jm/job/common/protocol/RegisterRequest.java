package com.jm.job.common.protocol;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A node announcing itself at start. An unknown group is created, so a new worker app needs no
 * operator step before it can take work.
 *
 * @param group name of the group whose tasks this node runs
 * @param ip address the node reports for operators (nodes open no port; this is informational)
 * @param port the application's own port if it has one, else {@code null}
 * @param instance a name for the node process, for example {@code host:pid}
 * @param threads size of the node's worker pool
 */
public record RegisterRequest(
        @NotBlank @Size(max = 128) String group,
        @NotBlank @Size(max = 64) String ip,
        @Min(0) @Max(65535) Integer port,
        @NotBlank @Size(max = 128) String instance,
        @Min(1) @Max(NodeApi.MAX_NODE_THREADS) int threads) {}
