package com.jm.job.master.importer;

import com.jm.job.master.service.TaskDefinition;
import java.util.List;

/**
 * What one XXL-JOB job becomes.
 *
 * @param job the source row
 * @param group the jm-job group (the executor's app name), or {@code null} when it has none
 * @param taskName the task's name: the job's description and its XXL-JOB id, which is how a later
 *     import recognises it
 * @param kind whether it is created, already there, not carried over, or a bad row
 * @param definition the task (child tasks not yet resolved), for {@link Kind#CREATE} and {@link
 *     Kind#EXISTS}
 * @param enabled whether the task is enabled (the job was running, {@code trigger_status} 1)
 * @param childJobIds the XXL-JOB ids of its child jobs
 * @param notes what is carried over with a difference, for the operator to check
 * @param reason why it is not carried over or is a bad row, else {@code null}
 * @param taskId the task's id, once created or found
 */
public record JobPlan(
        XxlJobSnapshot.Job job,
        String group,
        String taskName,
        Kind kind,
        TaskDefinition definition,
        boolean enabled,
        List<Integer> childJobIds,
        List<String> notes,
        String reason,
        Long taskId) {

    /** What the import does with a job. */
    public enum Kind {
        /** Becomes a new task. */
        CREATE,
        /** A task of its name is in its group already (an earlier import): nothing is created. */
        EXISTS,
        /** Cannot be a jm-job task by design (GLUE code): reported, not imported. */
        NOT_CARRIED,
        /** A bad row (unknown schedule type, missing handler, …): the import refuses to write anything. */
        ERROR
    }

    JobPlan withKind(Kind newKind, Long id) {
        return new JobPlan(job, group, taskName, newKind, definition, enabled, childJobIds, notes, reason, id);
    }

    JobPlan withError(String why) {
        return new JobPlan(job, group, taskName, Kind.ERROR, null, enabled, childJobIds, notes, why, null);
    }

    JobPlan withNote(String note) {
        List<String> more = new java.util.ArrayList<>(notes);
        more.add(note);
        return new JobPlan(
                job, group, taskName, kind, definition, enabled, childJobIds, List.copyOf(more), reason, taskId);
    }
}
