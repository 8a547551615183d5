package com.jm.job.master.web;

import com.jm.job.master.domain.CronFlavour;
import com.jm.job.master.domain.OverlapPolicy;
import com.jm.job.master.domain.RunMode;
import com.jm.job.master.domain.Tags;
import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.domain.TaskStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A task in API answers: status by name, flags as booleans, times as UTC instants, schedule
 * intervals as ISO-8601 durations. {@code runAt} is the schedule's first fire time (for a fixed
 * rate given without one, when it was created). Sensitive params are shown as {@value #MASK}; only
 * the node that runs the task gets them, in its poll answer.
 */
public record TaskView(
        @Schema(description = "task id", example = "42") long id,
        @Schema(description = "display name", example = "send invoices") String name,
        @Schema(description = "the job handler", example = "sendInvoices") String beanName,
        @Schema(description = "its group", example = "1") long groupId,
        @Schema(description = "NOT_STARTED (0), PENDING (1), RUNNING (2) or ERROR (3)", example = "PENDING")
                TaskStatus status,
        @Schema(description = "disabled tasks never start until enabled", example = "false") boolean disabled,
        @Schema(description = "retry a failed run automatically", example = "true") boolean retry,
        @Schema(description = "0 to 9: within the group, higher is claimed first", example = "0") int priority,
        @Schema(description = "automatic retries allowed", example = "3") int maxRetries,
        @Schema(description = "attempt of the current or last run", example = "0") int attempt,
        @Schema(description = "cron expression, if any", example = "0 0 6 * * *") String cron,
        @Schema(description = "the dialect of cron (SPRING, QUARTZ or UNIX), with a cron only", example = "SPRING")
                CronFlavour cronFlavour,
        @Schema(description = "zone of the cron expression", example = "Europe/Berlin") String timeZone,
        @Schema(description = "fixed rate (ISO-8601 duration), if any", example = "PT30S") String fixedRate,
        @Schema(description = "fixed delay (ISO-8601 duration), if any", example = "PT1M") String fixedDelay,
        @Schema(description = "the schedule's first fire time (UTC), if it has one", example = "2026-12-24T10:00:00Z")
                Instant runAt,
        @Schema(description = "parameters handed to the handler (masked when sensitive)", example = "day=2026-12-01")
                String params,
        @Schema(description = "params are stored encrypted and shown masked", example = "false")
                boolean paramsSensitive,
        @Schema(description = "run time limit in seconds", example = "300") Integer timeoutSeconds,
        @Schema(description = "tasks that get a fire when a run of this one succeeds", example = "[43, 44]")
                List<Long> childTaskIds,
        @Schema(description = "SINGLE (one run per fire, or per shard) or BROADCAST (one per node)", example = "SINGLE")
                RunMode mode,
        @Schema(description = "runs per fire of a SINGLE task", example = "1") int shards,
        @Schema(description = "a parameter per shard index (empty for none)", example = "[\"a-m\", \"n-z\"]")
                List<String> shardParams,
        @Schema(description = "tags a node must all have to run the task", example = "[\"gpu\"]") List<String> tags,
        @Schema(description = "what a slot due while a fire runs does: SKIP, QUEUE or PARALLEL", example = "SKIP")
                OverlapPolicy overlap,
        @Schema(description = "fires at once under overlap PARALLEL", example = "1") int maxConcurrentFires,
        @Schema(
                        description = "why a pending task is not being claimed, when the master can tell (group paused,"
                                + " no online node, no online node with its tags); absent otherwise",
                        example = "no enabled, online node of group 1 has all of the tags [gpu]")
                String waitingFor,
        @Schema(description = "next due time (UTC)", example = "2026-12-01T09:30:00Z") Instant nextFireTime,
        @Schema(description = "the current run, while running", example = "1001") Long runId,
        @Schema(description = "the node running it, while running", example = "7") Long nodeId,
        @Schema(description = "end of the running node lease (UTC)", example = "2026-12-01T09:30:30Z")
                Instant leaseUntil,
        @Schema(description = "message of the last failure", example = "connection refused") String lastError,
        @Schema(description = "changes with every update (optimistic lock)", example = "0") long version,
        @Schema(description = "creation time (UTC)", example = "2026-12-01T09:30:00Z") Instant createdAt,
        @Schema(description = "last change (UTC)", example = "2026-12-01T09:30:00Z") Instant updatedAt) {

    static final String MASK = "******";

    public static TaskView of(TaskRecord t) {
        return new TaskView(
                t.getId(),
                t.getName(),
                t.getBeanName(),
                t.getGroupId(),
                t.getStatus(),
                t.isDisable(),
                t.isRetry(),
                t.getPriority(),
                t.getMaxRetries(),
                t.getAttempt(),
                t.getCron(),
                t.getCron() == null ? null : t.getCronFlavour(),
                t.getCronZone(),
                iso(t.getFixedRateMs()),
                iso(t.getFixedDelayMs()),
                Times.utc(t.getRunAt()),
                t.isParamsSensitive() && t.getParams() != null ? MASK : t.getParams(),
                t.isParamsSensitive(),
                t.getTimeoutS(),
                t.getChildTaskIds(),
                t.getRunMode(),
                t.getShards(),
                t.getShardParamValues(),
                Tags.list(t.getTags()),
                t.getOverlapPolicy(),
                t.getMaxConcurrentFires(),
                t.getWaitingFor(),
                Times.utc(t.getNextFireTime()),
                t.getRunId(),
                t.getNodeId(),
                Times.utc(t.getLeaseUntil()),
                t.getLastError(),
                t.getVersion(),
                Times.utc(t.getCreatedAt()),
                Times.utc(t.getUpdatedAt()));
    }

    /** A schedule interval as it was written: an ISO-8601 duration such as PT30S. */
    private static String iso(Long millis) {
        return millis == null ? null : Duration.ofMillis(millis).toString();
    }
}
