package com.jm.job.master.importer;

import com.jm.job.master.service.TaskDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * What one job of the source becomes.
 *
 * @param key the job's key in its source (an XXL-JOB id, a Quartz trigger's key), which child jobs
 *     name it by
 * @param label the job as the report names it, for example {@code xxl-job #1 "nightly"}
 * @param group the jm-job group, or {@code null} when it has none
 * @param taskName the task's name, which carries the source's key: it is how a later import
 *     recognises the task
 * @param kind whether it is created, already there, not carried over, or a bad row
 * @param definition the task (child tasks not yet resolved), for {@link Kind#CREATE} and {@link
 *     Kind#EXISTS}
 * @param enabled whether the task is enabled once imported
 * @param childKeys the keys of its child jobs in the source
 * @param notes what is carried over with a difference, for the operator to check
 * @param reason why it is not carried over or is a bad row, else {@code null}
 * @param taskId the task's id, once created or found
 */
public record JobPlan(
        String key,
        String label,
        String group,
        String taskName,
        Kind kind,
        TaskDefinition definition,
        boolean enabled,
        List<String> childKeys,
        List<String> notes,
        String reason,
        Long taskId) {

    /** What the import does with a job. */
    public enum Kind {
        /** Becomes a new task. */
        CREATE,
        /** A task of its name is in its group already (an earlier import): nothing is created. */
        EXISTS,
        /** Cannot be a jm-job task by design (GLUE code, a Quartz calendar): reported, not imported. */
        NOT_CARRIED,
        /** A bad row (unknown schedule type, missing handler, …): the import refuses to write anything. */
        ERROR
    }

    /** A job that becomes a task. */
    static JobPlan create(
            String key,
            String label,
            String group,
            String taskName,
            TaskDefinition definition,
            boolean enabled,
            List<String> childKeys,
            List<String> notes) {
        return new JobPlan(
                key,
                label,
                group,
                taskName,
                Kind.CREATE,
                definition,
                enabled,
                List.copyOf(childKeys),
                List.copyOf(notes),
                null,
                null);
    }

    /** A job that is not carried over ({@link Kind#NOT_CARRIED}) or a bad row ({@link Kind#ERROR}). */
    static JobPlan refused(
            String key, String label, String group, String taskName, Kind kind, List<String> notes, String why) {
        return new JobPlan(key, label, group, taskName, kind, null, false, List.of(), List.copyOf(notes), why, null);
    }

    JobPlan withKind(Kind newKind, Long id) {
        return new JobPlan(key, label, group, taskName, newKind, definition, enabled, childKeys, notes, reason, id);
    }

    JobPlan withError(String why) {
        return new JobPlan(key, label, group, taskName, Kind.ERROR, null, enabled, childKeys, notes, why, null);
    }

    JobPlan withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new JobPlan(
                key, label, group, taskName, kind, definition, enabled, childKeys, List.copyOf(more), reason, taskId);
    }
}
