package com.jm.job.master.importer;

import java.util.List;

/**
 * What an import does (a dry run) or did: per job of the source, what it becomes, and the groups it
 * needs.
 *
 * @param system what the source is ({@code xxl-job}, {@code quartz}), as the report names it
 * @param groups the jm-job group names the source's jobs go to, in order
 * @param jobs one entry per source job, in id order
 * @param written whether this plan was applied (false for a dry run or a refused import)
 */
public record ImportPlan(String system, List<String> groups, List<JobPlan> jobs, boolean written) {

    /** Whether a bad row keeps the import from writing anything. */
    public boolean hasErrors() {
        return jobs.stream().anyMatch(j -> j.kind() == JobPlan.Kind.ERROR);
    }

    public long count(JobPlan.Kind kind) {
        return jobs.stream().filter(j -> j.kind() == kind).count();
    }

    /** The report the command prints: a line per job, its notes, and a summary. */
    public String report() {
        StringBuilder out = new StringBuilder();
        for (JobPlan job : jobs) {
            out.append(line(job)).append('\n');
            for (String note : job.notes()) {
                out.append("    note: ").append(note).append('\n');
            }
        }
        out.append(summary()).append('\n');
        return out.toString();
    }

    /** The last line of the report. */
    public String summary() {
        String counts = count(JobPlan.Kind.CREATE) + " to create, " + count(JobPlan.Kind.EXISTS)
                + " already imported, " + count(JobPlan.Kind.NOT_CARRIED) + " not carried over, "
                + count(JobPlan.Kind.ERROR) + " bad rows";
        if (hasErrors()) {
            return "REFUSED: " + counts + "; nothing was written (fix or remove the bad rows and run again)";
        }
        return (written ? "IMPORTED: " : "DRY RUN: ") + counts + (written ? "" : "; nothing was written");
    }

    private String line(JobPlan job) {
        String source = job.label();
        return switch (job.kind()) {
            case CREATE ->
                source + " -> " + (job.taskId() == null ? "new task" : "task " + job.taskId()) + " " + describe(job);
            case EXISTS ->
                source + " -> already imported as task " + job.taskId() + " \"" + job.taskName()
                        + "\": nothing created";
            case NOT_CARRIED -> source + " -> not carried over: " + job.reason();
            case ERROR -> source + " -> BAD ROW: " + job.reason();
        };
    }

    private String describe(JobPlan job) {
        var d = job.definition();
        StringBuilder text =
                new StringBuilder("\"" + job.taskName() + "\" in group " + job.group() + ": beanName " + d.beanName());
        if (d.cron() != null) {
            text.append(", cron '")
                    .append(d.cron())
                    .append("' (")
                    .append(d.cronFlavour())
                    .append(", ")
                    .append(d.timeZone())
                    .append(')');
        } else if (d.fixedRate() != null) {
            text.append(", fixedRate ").append(d.fixedRate());
        } else if (d.fixedDelay() != null) {
            text.append(", fixedDelay ").append(d.fixedDelay());
        } else if (d.runAt() != null) {
            text.append(", once at ").append(d.runAt());
        } else {
            text.append(", no schedule");
        }
        if (d.runAt() != null && (d.fixedRate() != null || d.fixedDelay() != null)) {
            text.append(" from ").append(d.runAt());
        }
        if (d.params() != null) {
            text.append(", params '").append(d.params()).append('\'');
        }
        text.append(", mode ").append(d.execution().mode());
        text.append(", overlap ").append(d.execution().overlap());
        text.append(", retries ").append(d.maxRetries());
        if (d.timeoutSeconds() != null) {
            text.append(", timeout ").append(d.timeoutSeconds()).append(" s");
        }
        if (!job.childKeys().isEmpty()) {
            text.append(", children ").append(system).append(' ').append(job.childKeys());
        }
        text.append(job.enabled() ? ", enabled" : ", disabled");
        return text.toString();
    }
}
