package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A node announcing itself at start. An unknown group is created, so a new worker app needs no
 * operator step before it can take work.
 *
 * @param group name of the group whose tasks this node runs
 * @param ip address the node reports for operators (nodes open no port; this is informational)
 * @param port the application's own port if it has one, else {@code null}
 * @param instance a name for the node process, for example {@code host:pid}
 * @param threads size of the node's worker pool
 * @param tags labels the node declares ({@code jm.job.client.tags}); a task with tags runs only on
 *     nodes that declare all of them. {@code null} (or absent) means none, and a node without tags
 *     sends none: a master from before tags existed refuses unknown fields; at most {@link NodeApi#MAX_TAGS}, each matching {@link NodeApi#TAG_PATTERN}
 * @param acknowledgesDelivery whether the node sends a heartbeat naming the runs of every poll
 *     answer that hands it some, at once: the master then grants those runs a short delivery lease
 *     that the heartbeat turns into the full one, so runs of an answer that never reached the node
 *     go back to pending within seconds; {@code null} (absent) means no
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
                int threads,
        @Schema(
                        description = "labels the node declares (at most " + NodeApi.MAX_TAGS + ", each "
                                + NodeApi.TAG_PATTERN
                                + "); a task with tags runs only on nodes that declare all of them; absent: none",
                        example = "[\"gpu\", \"region:eu\"]")
                @Size(max = NodeApi.MAX_TAGS)
                List<@NotNull @Pattern(regexp = NodeApi.TAG_PATTERN, message = NodeApi.TAG_RULE) String> tags,
        @Schema(
                        description = "the node acknowledges every poll answer that hands it runs with an immediate"
                                + " heartbeat; the master then hands its runs out on the short delivery lease",
                        example = "true")
                Boolean acknowledgesDelivery) {

    public RegisterRequest {
        // Not List.copyOf: it refuses a null element outright, and the master should answer one
        // with a validation problem naming the field rather than an unreadable-body error.
        // Empty is sent as absent (null), so a node without tags can still register with a master
        // from before tags existed, which refuses unknown fields.
        tags = tags == null || tags.isEmpty() ? null : Collections.unmodifiableList(new ArrayList<>(tags));
    }

    /** A node that declares no tags. */
    public RegisterRequest(String group, String ip, Integer port, String instance, int threads) {
        this(group, ip, port, instance, threads, null);
    }

    /** A node that does not acknowledge deliveries (one from before acknowledgements existed). */
    public RegisterRequest(String group, String ip, Integer port, String instance, int threads, List<String> tags) {
        this(group, ip, port, instance, threads, tags, null);
    }

    /** Whether the node acknowledges deliveries (absent: it does not). */
    public boolean acknowledges() {
        return Boolean.TRUE.equals(acknowledgesDelivery);
    }
}
