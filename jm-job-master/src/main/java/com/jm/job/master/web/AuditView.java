package com.jm.job.master.web;

import com.jm.job.master.domain.AuditRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One audited write: who, what, on which entity, when, and the status it was answered with. */
public record AuditView(
        @Schema(description = "entry id", example = "5") long id,
        @Schema(description = "when (UTC)", example = "2026-12-01T09:30:00Z") Instant at,
        @Schema(description = "who: the signed-in user or token name", example = "demo") String actor,
        @Schema(description = "HTTP method and path pattern", example = "POST /api/tasks/{id}/disable") String action,
        @Schema(description = "entity type", example = "task") String targetType,
        @Schema(description = "entity id, if any", example = "42") Long targetId,
        @Schema(description = "HTTP status the call was answered with", example = "200") int outcome) {

    public static AuditView of(AuditRecord r) {
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
