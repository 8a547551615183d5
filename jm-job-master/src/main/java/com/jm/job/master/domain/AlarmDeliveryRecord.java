package com.jm.job.master.domain;

import java.time.LocalDateTime;
import lombok.Getter;
import lombok.Setter;

/** A row of {@code jm_alarm_delivery}: one event a rule matched, and how sending it went. */
@Getter
@Setter
public class AlarmDeliveryRecord {
    private long id;
    private long ruleId;
    private AlarmEvent kind;
    private String eventKey;
    private String subject;
    private Long groupId;
    private Long taskId;
    private Long runId;
    private String message;
    private LocalDateTime occurredAt;
    private DeliveryState state;
    private int attempts;
    private LocalDateTime nextAttemptAt;
    private String lastError;
    private LocalDateTime finishedAt;
    /** Read with the row for the message: the task's and the group's names (null once deleted). */
    private String taskName;

    private String groupName;
}
