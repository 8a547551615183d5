package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;
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
        @Schema(description = "name of the group whose tasks this node runs; created when unknown", example = "billing")
                @NotBlank
                @Size(max = 128)
                String group,
        @Schema(description = "address reported for operators (informational)", example = "10.0.0.12")
                @NotBlank
                @Size(max = 64)
                String ip,
        @Schema(description = "the application's own port, if it has one", example = "8081") @Min(0) @Max(65535)
                Integer port,
        @Schema(description = "a name for the node process", example = "worker-1:4242") @NotBlank @Size(max = 128)
                String instance,
        @Schema(description = "size of the node's worker pool", example = "4") @Min(1) @Max(NodeApi.MAX_NODE_THREADS)
                int threads) {}
