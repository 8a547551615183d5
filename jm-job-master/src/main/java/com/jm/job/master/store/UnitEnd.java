package com.jm.job.master.store;

import com.jm.job.master.domain.RunState;
import lombok.Getter;
import lombok.Setter;

/** How many failed units of one fire ended their last run in one state (FAILED, TIMED_OUT, LOST). */
@Getter
@Setter
public class UnitEnd {
    private RunState state;
    private int units;
}
