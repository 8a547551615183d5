package com.jm.job.master.web;

import com.jm.job.master.domain.AlarmChannel;
import com.jm.job.master.domain.AlarmEvent;
import com.jm.job.master.domain.AlarmRuleRecord;
import com.jm.job.master.domain.AlarmScope;
import com.jm.job.master.domain.WebhookTemplate;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** An alarm rule as the API shows it: secrets only as set or unset. */
public record AlarmRuleView(
        @Schema(description = "rule id", example = "3") long id,
        @Schema(description = "display name", example = "billing failures") String name,
        @Schema(description = "ALL, GROUP or TASK", example = "GROUP") AlarmScope scope,
        @Schema(description = "the group's or task's id", example = "1") Long scopeId,
        @Schema(description = "the events it tells about", example = "[\"RUN_FAILED\"]") List<AlarmEvent> events,
        @Schema(description = "FIRE_LATE threshold", example = "60000") Long lateAfterMs,
        @Schema(description = "NO_NODE threshold", example = "120000") Long noNodeForMs,
        @Schema(description = "silence window per task (or group) and event kind", example = "300000") long silenceMs,
        @Schema(description = "WEBHOOK or MAIL", example = "WEBHOOK") AlarmChannel channel,
        @Schema(description = "whether a webhook URL is stored (never shown)", example = "true") boolean webhookUrlSet,
        @Schema(description = "body shape", example = "SLACK") WebhookTemplate webhookTemplate,
        @Schema(description = "names of the extra headers (values never shown)", example = "[\"Authorization\"]")
                Set<String> webhookHeaderNames,
        @Schema(description = "whether an HMAC key is stored (never shown)", example = "true") boolean hmacSecretSet,
        @Schema(description = "MAIL recipients", example = "[\"oncall@example.com\"]") List<String> mailTo,
        @Schema(description = "whether it records events", example = "true") boolean enabled,
        @Schema(description = "grows by one with every change", example = "1") int version,
        @Schema(description = "created (UTC)", example = "2026-12-01T10:00:00Z") Instant createdAt,
        @Schema(description = "last changed (UTC)", example = "2026-12-01T10:00:00Z") Instant updatedAt) {

    public static AlarmRuleView of(AlarmRuleRecord rule, Set<String> headerNames) {
        return new AlarmRuleView(
                rule.getId(),
                rule.getName(),
                rule.getScope(),
                rule.getScopeId(),
                List.copyOf(rule.eventSet()),
                rule.getLateAfterMs(),
                rule.getNoNodeForMs(),
                rule.getSilenceMs(),
                rule.getChannel(),
                rule.getWebhookUrl() != null,
                rule.getWebhookTemplate(),
                headerNames,
                rule.getHmacSecret() != null,
                rule.getMailTo() == null ? null : List.of(rule.getMailTo().split(",")),
                rule.isEnabled(),
                rule.getVersion(),
                Times.utc(rule.getCreatedAt()),
                Times.utc(rule.getUpdatedAt()));
    }
}
