package com.jm.job.master.domain;

import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Set;
import lombok.Getter;
import lombok.Setter;

/** A row of {@code jm_alarm_rule}. The secrets never leave the master through the API. */
@Getter
@Setter
public class AlarmRuleRecord {
    private long id;
    private String name;
    private AlarmScope scope;
    private Long scopeId;
    /** Stored comma-separated; see {@link #eventSet()}. */
    private String events;

    private Long lateAfterMs;
    private Long noNodeForMs;
    private long silenceMs;
    private AlarmChannel channel;
    private String webhookUrl;
    private WebhookTemplate webhookTemplate;
    /** A JSON object of header names to values. */
    private String webhookHeaders;

    private String hmacSecret;
    /** Comma-separated addresses. */
    private String mailTo;

    private boolean enabled;
    private int version;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;

    public Set<AlarmEvent> eventSet() {
        Set<AlarmEvent> set = EnumSet.noneOf(AlarmEvent.class);
        if (events != null && !events.isBlank()) {
            for (String event : events.split(",")) {
                set.add(AlarmEvent.valueOf(event.trim()));
            }
        }
        return set;
    }

    /** Whether the rule covers a task of {@code groupId} (or the group itself when taskId is null). */
    public boolean covers(Long groupId, Long taskId) {
        return switch (scope) {
            case ALL -> true;
            case GROUP -> scopeId != null && scopeId.equals(groupId);
            case TASK -> scopeId != null && scopeId.equals(taskId);
        };
    }
}
