package com.jm.job.master.web;

import com.jm.job.master.domain.AuditRecord;
import java.time.Instant;

/** One audited write: who, what, on which entity, when, and the status it was answered with. */
public record AuditView(
        long id, Instant at, String actor, String action, String targetType, Long targetId, int outcome) {

    static AuditView of(AuditRecord r) {
        return new AuditView(
                r.getId(),
                Times.utc(r.getAt()),
                r.getActor(),
                r.getAction(),
                r.getTargetType(),
                r.getTargetId(),
                r.getOutcome());
    }
}
