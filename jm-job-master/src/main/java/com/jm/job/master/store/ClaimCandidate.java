package com.jm.job.master.store;

import com.jm.job.master.domain.Trigger;
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
    private int attempt;
    private Integer timeoutS;
    private Trigger pendingCause;
    /** The run id, filled in by the run insert's generated keys. */
    private Long runId;
}
