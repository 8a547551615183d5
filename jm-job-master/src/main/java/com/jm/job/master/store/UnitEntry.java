package com.jm.job.master.store;

import lombok.Getter;
import lombok.Setter;

/** A unit row just inserted, as the pending index needs it. */
@Getter
@Setter
public class UnitEntry {
    private long id;
    private Long targetNodeId;
    private String tags;
}
