package com.jm.job.common.protocol;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One claimed execution handed to a node.
 *
 * <p>A fire of a sharded or broadcast task has several runs; each run's assignment says which part
 * of the fire's work it is, the way XXL-JOB's sharding parameters do. For a task with N shards,
 * {@code shardIndex} is the shard (0..N-1, each once per fire) and {@code shardTotal} is N. For a
 * broadcast, {@code shardIndex} is the node's position (0..n-1) among the n nodes the fire went to
 * and {@code shardTotal} is n. For an ordinary run all three shard fields are {@code null}.
 *
 * @param runId the execution's id; every report about it names this id
 * @param taskId the task being run
 * @param taskName the task's name, for logs
 * @param beanName the job handler to invoke
 * @param params the task's parameters as stored (free text, often JSON), or {@code null}
 * @param attempt attempt number of this execution, starting at 1
 * @param timeoutSeconds the run's time limit, or {@code null} for none
 * @param shardIndex which part of the fire's work this run is, from 0, or {@code null} for an
 *     ordinary run
 * @param shardTotal how many parts the fire's work is split into, or {@code null} for an ordinary
 *     run
 * @param shardParam the task's parameter for this shard index, or {@code null} when it has none
 */
public record TaskAssignment(
        @Schema(description = "the execution's id; every report names it", example = "1001") long runId,
        @Schema(description = "the task being run", example = "42") long taskId,
        @Schema(description = "the task's name", example = "send invoices") String taskName,
        @Schema(description = "the job handler to invoke", example = "sendInvoices") String beanName,
        @Schema(description = "the task's parameters as stored", example = "{\"day\":\"2026-12-01\"}") String params,
        @Schema(description = "attempt number, from 1", example = "1") int attempt,
        @Schema(description = "time limit in seconds, or null", example = "300") Integer timeoutSeconds,
        @Schema(
                        description = "the shard (0..shardTotal-1) or, for a broadcast, the node's position among"
                                + " the fire's nodes; null for an ordinary run",
                        example = "2")
                Integer shardIndex,
        @Schema(
                        description = "the task's shard count or, for a broadcast, the number of the fire's nodes;"
                                + " null for an ordinary run",
                        example = "10")
                Integer shardTotal,
        @Schema(description = "the task's parameter for this shard, or null", example = "region=eu")
                String shardParam) {

    /** An ordinary run: one run per fire, no shard. */
    public TaskAssignment(
            long runId,
            long taskId,
            String taskName,
            String beanName,
            String params,
            int attempt,
            Integer timeoutSeconds) {
        this(runId, taskId, taskName, beanName, params, attempt, timeoutSeconds, null, null, null);
    }
}
