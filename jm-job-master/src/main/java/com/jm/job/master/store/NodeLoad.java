package com.jm.job.master.store;

import lombok.Getter;
import lombok.Setter;

/** How many runs one node holds now. */
@Getter
@Setter
public class NodeLoad {
    private long nodeId;
    private long count;
}
