package com.jm.job.master.store;

import com.jm.job.master.domain.Trigger;
import java.time.LocalDateTime;
import lombok.Getter;
import lombok.Setter;

/** A due task locked by a claim, with what its run row needs. */
@Getter
@Setter
public class ClaimCandidate {
    private long id;
    private String name;
    private String beanName;
    private String params;
    /** Whether params are stored encrypted (and shown masked). */
    private boolean paramsSensitive;

    private int attempt;
    private Integer timeoutS;
    private Trigger pendingCause;
    /** When the run was due (the cron slot, the retry time); later than now means it starts late. */
    private LocalDateTime nextFireTime;
    /** The run id, filled in by the run insert's generated keys. */
    private Long runId;
}
