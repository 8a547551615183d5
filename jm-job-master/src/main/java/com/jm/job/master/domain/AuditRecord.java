package com.jm.job.master.domain;

import java.time.LocalDateTime;
import lombok.Getter;
import lombok.Setter;

/** A row of {@code jm_audit}: one write through the operators' API. */
@Getter
@Setter
public class AuditRecord {
    private Long id;
    private LocalDateTime at;
    private String actor;
    private String action;
    private String targetType;
    private Long targetId;
    private int outcome;
    private String detail;
}
