package com.jm.job.master.domain;

/**
 * Filters of the task list; {@code null} means "any".
 *
 * @param groupId tasks of this group
 * @param status tasks in this status
 * @param disabled disabled or enabled tasks
 * @param namePattern a LIKE pattern, built by {@link #of} from a literal prefix
 */
public record TaskFilter(Long groupId, TaskStatus status, Boolean disabled, String namePattern) {

    /** A filter matching names that start with {@code namePrefix} taken literally. */
    public static TaskFilter of(Long groupId, TaskStatus status, Boolean disabled, String namePrefix) {
        String pattern = namePrefix == null
                ? null
                : namePrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return new TaskFilter(groupId, status, disabled, pattern);
    }
}
