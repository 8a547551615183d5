package com.jm.job.master.web;

import static com.jm.job.master.web.TaskRequest.BEAN_NAME;
import static com.jm.job.master.web.TaskRequest.BEAN_NAME_MESSAGE;
import static com.jm.job.master.web.TaskRequest.MAX_CONCURRENT_FIRES;
import static com.jm.job.master.web.TaskRequest.MAX_PARAMS;
import static com.jm.job.master.web.TaskRequest.MAX_RETRIES;
import static com.jm.job.master.web.TaskRequest.MAX_SHARDS;
import static com.jm.job.master.web.TaskRequest.MAX_SHARD_PARAM;
import static com.jm.job.master.web.TaskRequest.MAX_TAGS;
import static com.jm.job.master.web.TaskRequest.MAX_TIMEOUT_SECONDS;
import static com.jm.job.master.web.TaskRequest.MODE;
import static com.jm.job.master.web.TaskRequest.MODE_MESSAGE;
import static com.jm.job.master.web.TaskRequest.OVERLAP;
import static com.jm.job.master.web.TaskRequest.OVERLAP_MESSAGE;
import static com.jm.job.master.web.TaskRequest.PRIORITY_MESSAGE;
import static com.jm.job.master.web.TaskRequest.SHARDS_MESSAGE;

import com.jm.job.master.domain.Tags;
import com.jm.job.master.domain.TaskPriority;
import com.jm.job.master.service.TaskDefinition;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code PUT /api/tasks/{id}}: the whole definition (absent optional fields are cleared).
 * The group cannot change.
 *
 * @param paramsSensitive store params encrypted and show them masked (needs a configured key)
 * @param priority 0 to 9; absent: 0
 * @param mode SINGLE (absent) or BROADCAST; the execution fields are those of {@link TaskRequest}
 * @param version if given, the update applies only while the task is still at this version
 */
public record TaskUpdateRequest(
        @Schema(description = "display name, any text", example = "send invoices") @NotBlank @Size(max = 128)
                String name,
        @Schema(description = "the job handler: a handler bean name or an @JmJob method name", example = "sendInvoices")
                @NotBlank
                @Size(max = 128)
                @Pattern(regexp = BEAN_NAME, message = BEAN_NAME_MESSAGE)
                String beanName,
        @Schema(
                        description =
                                "cron expression in its cronFlavour (SPRING by default: six fields, seconds first); with no schedule at all the task runs once, at once",
                        example = "0 0 6 * * *")
                @Size(max = 128)
                String cron,
        @Schema(description = TaskRequest.CRON_FLAVOUR_DESCRIPTION, example = "SPRING")
                @Pattern(regexp = TaskRequest.CRON_FLAVOUR, message = TaskRequest.CRON_FLAVOUR_MESSAGE)
                String cronFlavour,
        @Schema(description = "zone of the cron expression (default UTC)", example = "Europe/Berlin") @Size(max = 64)
                String timeZone,
        @Schema(
                        description = "fixed rate: ISO-8601 duration, slots from the first fire (PT1S to P366D)",
                        example = "PT30S")
                @Size(max = 64)
                String fixedRate,
        @Schema(
                        description = "fixed delay: ISO-8601 duration after the previous run ended (PT1S to P366D)",
                        example = "PT1M")
                @Size(max = 64)
                String fixedDelay,
        @Schema(
                        description =
                                "first fire of a fixedRate or fixedDelay schedule, or alone the only one: an instant with an offset",
                        example = "2026-12-24T10:00:00Z")
                @Size(max = 64)
                String runAt,
        @Schema(description = "parameters handed to the handler (free text, often JSON)", example = "day=2026-12-01")
                @Size(max = MAX_PARAMS, message = TaskRequest.PARAMS_MESSAGE)
                String params,
        @Schema(description = "retry a failed run automatically", example = "true") Boolean retry,
        @Schema(description = "automatic retries allowed (default 3 when retry is on, else 0)", example = "3")
                @Min(0)
                @Max(MAX_RETRIES)
                Integer maxRetries,
        @Schema(description = "run time limit in seconds", example = "300") @Min(1) @Max(MAX_TIMEOUT_SECONDS)
                Integer timeoutSeconds,
        @Schema(
                        description = "tasks that get a fire when a run of this one succeeds (at most 100, no cycles)",
                        example = "[43, 44]")
                @Size(max = TaskRequest.MAX_CHILDREN)
                List<@NotNull @Positive Long> childTaskIds,
        @Schema(description = "store params encrypted and show them masked (needs a configured key)", example = "false")
                Boolean paramsSensitive,
        @Schema(
                        description =
                                "0 to 9 (default 0): within the group, due tasks of a higher priority are claimed first",
                        example = "0")
                @Min(value = TaskPriority.MIN, message = PRIORITY_MESSAGE)
                @Max(value = TaskPriority.MAX, message = PRIORITY_MESSAGE)
                Integer priority,
        @Schema(
                        description =
                                "SINGLE (default): one run per fire, or one per shard; BROADCAST: one run on every enabled, online node of the group (with the task's tags)",
                        example = "SINGLE")
                @Pattern(regexp = MODE, message = MODE_MESSAGE)
                String mode,
        @Schema(
                        description =
                                "runs per fire of a SINGLE task, 1 (default) to 10000, spread over the group's nodes",
                        example = "1")
                @Min(value = 1, message = SHARDS_MESSAGE)
                @Max(value = MAX_SHARDS, message = SHARDS_MESSAGE)
                Integer shards,
        @Schema(
                        description = "a parameter per shard index (as many as shards), handed to that shard's run",
                        example = "[\"a-m\", \"n-z\"]")
                @Size(max = MAX_SHARDS)
                List<@NotNull @Size(max = MAX_SHARD_PARAM) String> shardParams,
        @Schema(description = "tags a node must all have to run the task (at most 16)", example = "[\"gpu\"]")
                @Size(max = MAX_TAGS)
                List<@NotNull @Pattern(regexp = Tags.PATTERN, message = Tags.MESSAGE) String> tags,
        @Schema(
                        description =
                                "a slot due while a fire still runs: SKIP (default, recorded as skipped), QUEUE (at most one waits) or PARALLEL",
                        example = "SKIP")
                @Pattern(regexp = OVERLAP, message = OVERLAP_MESSAGE)
                String overlap,
        @Schema(description = "fires at once under overlap PARALLEL, 1 (default) to 100", example = "1")
                @Min(1)
                @Max(MAX_CONCURRENT_FIRES)
                Integer maxConcurrentFires,
        @Schema(description = "apply only while the task is still at this version (optimistic lock)", example = "0")
                @PositiveOrZero
                Long version) {

    public TaskDefinition toDefinition() {
        return TaskRequest.definition(
                name,
                beanName,
                new TaskRequest.Schedule(cron, cronFlavour, timeZone, fixedRate, fixedDelay, runAt),
                params,
                retry,
                maxRetries,
                timeoutSeconds,
                childTaskIds,
                paramsSensitive,
                priority,
                new TaskRequest.Execution(mode, shards, shardParams, tags, overlap, maxConcurrentFires));
    }
}
