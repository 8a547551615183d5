package com.jm.job.master.console;

import static com.jm.job.master.console.FormValues.blankToNull;
import static com.jm.job.master.console.FormValues.words;

import com.jm.job.master.web.TaskRequest;
import com.jm.job.master.web.TaskUpdateRequest;
import com.jm.job.master.web.TaskView;
import java.util.List;
import java.util.Map;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.Setter;

/**
 * The task form as typed: every field text, as a browser sends it. It becomes the API's own
 * request record ({@link TaskRequest} or {@link TaskUpdateRequest}), so the same Bean Validation
 * rules and defaults apply, and the same service checks the rest; a number field that is not a
 * number is the only thing refused here.
 */
@Getter
@Setter
public class TaskForm {

    private String name;
    private String beanName;
    private String groupId;
    private String cron;
    private String cronFlavour;
    private String timeZone;
    private String fixedRate;
    private String fixedDelay;
    private String runAt;
    private String params;
    private boolean paramsSensitive;
    private boolean retry;
    private String maxRetries;
    private String timeoutSeconds;
    private String priority;
    private String mode;
    private String shards;
    /** One per line. */
    private String shardParams;
    /** Comma or space separated. */
    private String tags;
    /** Comma or space separated ids. */
    private String childTaskIds;

    private String overlap;
    private String maxConcurrentFires;
    private String version;

    @Getter(AccessLevel.NONE)
    private final transient FormValues values = new FormValues();

    /** Fields that are not numbers where one is needed, with the message for each. */
    Map<String, String> getNumberProblems() {
        return values.problems();
    }

    /** The form of an existing task, to edit it. Sensitive params are not shown, so they must be typed again. */
    static TaskForm of(TaskView t) {
        TaskForm form = new TaskForm();
        form.name = t.name();
        form.beanName = t.beanName();
        form.groupId = Long.toString(t.groupId());
        form.cron = t.cron();
        form.cronFlavour = t.cronFlavour() == null ? null : t.cronFlavour().name();
        form.timeZone = t.timeZone();
        form.fixedRate = t.fixedRate();
        form.fixedDelay = t.fixedDelay();
        form.runAt = t.runAt() == null ? null : t.runAt().toString();
        form.params = t.paramsSensitive() ? null : t.params();
        form.paramsSensitive = t.paramsSensitive();
        form.retry = t.retry();
        form.maxRetries = Integer.toString(t.maxRetries());
        form.timeoutSeconds =
                t.timeoutSeconds() == null ? null : t.timeoutSeconds().toString();
        form.priority = Integer.toString(t.priority());
        form.mode = t.mode().name();
        form.shards = Integer.toString(t.shards());
        form.shardParams = String.join("\n", t.shardParams());
        form.tags = String.join(", ", t.tags());
        form.childTaskIds =
                String.join(", ", t.childTaskIds().stream().map(String::valueOf).toList());
        form.overlap = t.overlap().name();
        form.maxConcurrentFires = Integer.toString(t.maxConcurrentFires());
        form.version = Long.toString(t.version());
        return form;
    }

    TaskRequest toCreateRequest() {
        return new TaskRequest(
                name,
                beanName,
                values.number("groupId", groupId),
                cron,
                flavour(),
                timeZone,
                fixedRate,
                fixedDelay,
                runAt,
                params,
                retry,
                values.integer("maxRetries", maxRetries),
                values.integer("timeoutSeconds", timeoutSeconds),
                ids(),
                paramsSensitive,
                values.integer("priority", priority),
                blankToNull(mode),
                values.integer("shards", shards),
                lines(shardParams),
                words(tags),
                blankToNull(overlap),
                values.integer("maxConcurrentFires", maxConcurrentFires));
    }

    TaskUpdateRequest toUpdateRequest() {
        return new TaskUpdateRequest(
                name,
                beanName,
                cron,
                flavour(),
                timeZone,
                fixedRate,
                fixedDelay,
                runAt,
                params,
                retry,
                values.integer("maxRetries", maxRetries),
                values.integer("timeoutSeconds", timeoutSeconds),
                ids(),
                paramsSensitive,
                values.integer("priority", priority),
                blankToNull(mode),
                values.integer("shards", shards),
                lines(shardParams),
                words(tags),
                blankToNull(overlap),
                values.integer("maxConcurrentFires", maxConcurrentFires),
                values.number("version", version));
    }

    /** Only the schedule, as {@link com.jm.job.master.service.SchedulePreview} reads it. */
    TaskRequest toScheduleRequest() {
        return new TaskRequest(
                "preview",
                "preview",
                1L,
                cron,
                flavour(),
                timeZone,
                fixedRate,
                fixedDelay,
                runAt,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private List<Long> ids() {
        List<String> words = words(childTaskIds);
        return words == null
                ? null
                : words.stream().map(w -> values.number("childTaskIds", w)).toList();
    }

    private static List<String> lines(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.lines().toList();
    }

    /**
     * The flavour only with a cron: the select always holds one, and the API refuses a flavour
     * without an expression to read.
     */
    private String flavour() {
        return blankToNull(cron) == null ? null : blankToNull(cronFlavour);
    }
}
