package com.jm.job.master.web;

import com.jm.job.master.domain.CronFlavour;
import com.jm.job.master.domain.OverlapPolicy;
import com.jm.job.master.domain.RunMode;
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
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /api/tasks}.
 *
 * @param name display name, any text
 * @param beanName the job handler to run: a handler bean's name or an annotated method's name
 * @param groupId group whose nodes run the task
 * @param cron cron expression in its {@code cronFlavour}; with no schedule at all the task runs
 *     once, at once
 * @param cronFlavour SPRING (default), QUARTZ or UNIX: the dialect {@code cron} is written in
 * @param timeZone zone of the cron expression (default UTC)
 * @param fixedRate ISO-8601 duration: a fire every so long, slots counted from the first fire
 * @param fixedDelay ISO-8601 duration: the next fire so long after the previous run finished
 * @param runAt instant with an offset: the first fire of a fixedRate or fixedDelay schedule, or
 *     alone the only one
 * @param params parameters handed to the handler
 * @param retry retry a failed run automatically
 * @param maxRetries automatic retries allowed (default 3 when retry is on, else 0)
 * @param timeoutSeconds run time limit
 * @param childTaskIds tasks that get a fire when a fire of this one succeeds
 * @param paramsSensitive store params encrypted and show them masked (needs a configured key)
 * @param priority 0 to 9 (default 0): within the group, due tasks of a higher priority are claimed
 *     first, then by due time
 * @param mode SINGLE (default) or BROADCAST
 * @param shards runs per fire of a SINGLE task (default 1)
 * @param shardParams a parameter per shard index
 * @param tags tags a node must all have to run the task
 * @param overlap what a slot due while a fire runs does: SKIP (default), QUEUE or PARALLEL
 * @param maxConcurrentFires fires at once under PARALLEL (default 1)
 */
public record TaskRequest(
        @Schema(description = "display name, any text", example = "send invoices") @NotBlank @Size(max = 128)
                String name,
        @Schema(description = "the job handler: a handler bean name or an @JmJob method name", example = "sendInvoices")
                @NotBlank
                @Size(max = 128)
                @Pattern(regexp = BEAN_NAME, message = BEAN_NAME_MESSAGE)
                String beanName,
        @Schema(description = "group whose nodes run the task", example = "1") @NotNull @Positive Long groupId,
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
                @Size(max = MAX_PARAMS, message = PARAMS_MESSAGE)
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
                @Size(max = MAX_CHILDREN)
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
                Integer maxConcurrentFires) {

    static final String BEAN_NAME = "[A-Za-z_$][A-Za-z0-9_$.\\-]*";
    // The messages are keys of i18n/api*.properties, so they follow the caller's language.
    static final String BEAN_NAME_MESSAGE = "{jm.task.bean-name}";
    static final int MAX_PARAMS = 65_535;
    static final String PARAMS_MESSAGE = "{jm.task.params}";
    static final int MAX_RETRIES = 100;
    static final int MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;
    static final int DEFAULT_MAX_RETRIES = 3;
    static final int MAX_CHILDREN = 100;
    static final String MODE = "SINGLE|BROADCAST";
    static final String MODE_MESSAGE = "{jm.task.mode}";
    static final int MAX_SHARDS = 10_000;
    static final String SHARDS_MESSAGE = "{jm.task.shards}";
    static final int MAX_SHARD_PARAM = 4_096;
    static final int MAX_TAGS = 16;
    static final String CRON_FLAVOUR = "SPRING|QUARTZ|UNIX";
    static final String CRON_FLAVOUR_DESCRIPTION =
            "the dialect of cron: SPRING (default; Spring's six fields, day-of-week 1 = MON), QUARTZ (Quartz and"
                    + " XXL-JOB: seconds first, day-of-week 1 = SUN, optional year, ? L W #) or UNIX (five fields,"
                    + " minute first)";
    static final String CRON_FLAVOUR_MESSAGE = "{jm.task.cron-flavour}";
    static final String OVERLAP = "SKIP|QUEUE|PARALLEL";
    static final String OVERLAP_MESSAGE = "{jm.task.overlap}";
    static final int MAX_CONCURRENT_FIRES = 100;
    static final String PRIORITY_MESSAGE = "{jm.task.priority}";

    public TaskDefinition toDefinition() {
        return definition(
                name,
                beanName,
                new Schedule(cron, cronFlavour, timeZone, fixedRate, fixedDelay, runAt),
                params,
                retry,
                maxRetries,
                timeoutSeconds,
                childTaskIds,
                paramsSensitive,
                priority,
                new Execution(mode, shards, shardParams, tags, overlap, maxConcurrentFires));
    }

    /** The execution fields of a body, as sent. */
    record Execution(
            String mode,
            Integer shards,
            List<String> shardParams,
            List<String> tags,
            String overlap,
            Integer maxConcurrentFires) {}

    /** The schedule fields of a body, as sent. */
    record Schedule(
            String cron, String cronFlavour, String timeZone, String fixedRate, String fixedDelay, String runAt) {}

    /** Fills the defaults both create and update apply. */
    static TaskDefinition definition(
            String name,
            String beanName,
            Schedule schedule,
            String params,
            Boolean retry,
            Integer maxRetries,
            Integer timeoutSeconds,
            List<Long> childTaskIds,
            Boolean paramsSensitive,
            Integer priority,
            Execution execution) {
        boolean retrying = Boolean.TRUE.equals(retry);
        int retries = maxRetries != null ? maxRetries : retrying ? DEFAULT_MAX_RETRIES : 0;
        return new TaskDefinition(
                name,
                beanName,
                blankToNull(schedule.cron()),
                schedule.cronFlavour() == null ? null : CronFlavour.valueOf(schedule.cronFlavour()),
                blankToNull(schedule.timeZone()),
                ScheduleFields.interval("fixedRate", schedule.fixedRate()),
                ScheduleFields.interval("fixedDelay", schedule.fixedDelay()),
                ScheduleFields.instant("runAt", schedule.runAt()),
                params,
                retrying,
                retries,
                timeoutSeconds,
                childTaskIds == null ? List.of() : List.copyOf(childTaskIds),
                Boolean.TRUE.equals(paramsSensitive),
                priority == null ? TaskPriority.DEFAULT : priority,
                new TaskDefinition.Execution(
                        execution.mode() == null ? RunMode.SINGLE : RunMode.valueOf(execution.mode()),
                        execution.shards() == null ? 1 : execution.shards(),
                        execution.shardParams() == null ? List.of() : List.copyOf(execution.shardParams()),
                        execution.tags() == null ? List.of() : List.copyOf(execution.tags()),
                        execution.overlap() == null ? OverlapPolicy.SKIP : OverlapPolicy.valueOf(execution.overlap()),
                        execution.maxConcurrentFires() == null ? 1 : execution.maxConcurrentFires()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
