package com.jm.job.master.domain;

import java.time.LocalDateTime;
import lombok.Getter;
import lombok.Setter;

/** A row of {@code jm_task}. Times are UTC. Never leaves the master: the API has its own types. */
@Getter
@Setter
public class TaskRecord {
    private Long id;
    private String name;
    private String beanName;
    private TaskStatus status;
    private boolean disable;
    private boolean retry;
    private long groupId;
    private String cron;
    private String cronZone;
    private String params;
    /** Whether params are stored encrypted (and shown masked). */
    private boolean paramsSensitive;

    private LocalDateTime nextFireTime;
    private Trigger pendingCause;
    private int maxRetries;
    private int attempt;
    private Integer timeoutS;
    private Long runId;
    private Long nodeId;
    private LocalDateTime leaseUntil;
    private long version;
    private String lastError;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;
}
