package com.jm.job.master.service;

import com.jm.job.master.domain.CronFlavour;
import com.jm.job.master.domain.OverlapPolicy;
import com.jm.job.master.domain.RunMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What an operator says about a task when creating or changing it.
 *
 * @param name display name
 * @param beanName job handler that runs it
 * @param cron cron expression in {@code cronFlavour}, or {@code null}
 * @param cronFlavour the dialect of {@code cron}, or {@code null} when not given (SPRING)
 * @param timeZone zone the cron expression is read in, or {@code null} for UTC
 * @param fixedRate a fire every so long (slots from the first fire), or {@code null}
 * @param fixedDelay the next fire so long after the previous run finished, or {@code null}
 * @param runAt the first fire of a fixed-rate or fixed-delay schedule, or alone the only one; {@code
 *     null} for none. A task with no schedule at all runs once, at once.
 * @param params parameters handed to the handler, or {@code null}
 * @param retry whether a failed run is retried automatically
 * @param maxRetries how many automatic retries a failure may use
 * @param timeoutSeconds run time limit, or {@code null} for none
 * @param childTaskIds tasks that get a fire when a fire of this one succeeds (empty for none)
 * @param paramsSensitive whether params are stored encrypted and shown masked
 * @param priority {@link com.jm.job.master.domain.TaskPriority#MIN} to {@link
 *     com.jm.job.master.domain.TaskPriority#MAX}: higher is claimed first within the group
 * @param execution how many runs a fire has, on which nodes, and what overlapping fires do
 */
public record TaskDefinition(
        String name,
        String beanName,
        String cron,
        CronFlavour cronFlavour,
        String timeZone,
        Duration fixedRate,
        Duration fixedDelay,
        Instant runAt,
        String params,
        boolean retry,
        int maxRetries,
        Integer timeoutSeconds,
        List<Long> childTaskIds,
        boolean paramsSensitive,
        int priority,
        Execution execution) {

    /**
     * How a task's fires run.
     *
     * @param mode one run per fire (per shard), or one per node of the group
     * @param shards runs per fire of a {@link RunMode#SINGLE} task, 1 for an ordinary one
     * @param shardParams a parameter per shard index, or empty for none
     * @param tags tags a node must all have to run the task (empty: any node)
     * @param overlap what a slot due while a fire runs does
     * @param maxConcurrentFires how many fires may run at once under {@link OverlapPolicy#PARALLEL}
     */
    public record Execution(
            RunMode mode,
            int shards,
            List<String> shardParams,
            List<String> tags,
            OverlapPolicy overlap,
            int maxConcurrentFires) {

        /** An ordinary task's: one run per fire on any node, overlapping slots skipped. */
        public static final Execution DEFAULT =
                new Execution(RunMode.SINGLE, 1, List.of(), List.of(), OverlapPolicy.SKIP, 1);
    }
}
