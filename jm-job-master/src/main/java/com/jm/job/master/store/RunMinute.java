package com.jm.job.master.store;

import lombok.Getter;
import lombok.Setter;

/** Runs that ended in one minute of the last hour: how many, and how many failed. */
@Getter
@Setter
public class RunMinute {
    /** 0 for the current minute, 59 for an hour ago. */
    private int minutesAgo;

    private long total;
    private long failed;
}
