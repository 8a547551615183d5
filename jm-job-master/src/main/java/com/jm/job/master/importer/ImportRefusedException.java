package com.jm.job.master.importer;

/** An import that wrote nothing because a source row is bad; the plan says which and why. */
public class ImportRefusedException extends RuntimeException {

    private final transient ImportPlan plan;

    public ImportRefusedException(ImportPlan plan) {
        super(plan.summary());
        this.plan = plan;
    }

    public ImportPlan plan() {
        return plan;
    }
}
