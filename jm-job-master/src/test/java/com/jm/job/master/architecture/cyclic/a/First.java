package com.jm.job.master.architecture.cyclic.a;

import com.jm.job.master.architecture.cyclic.b.Second;

/** Fixture for the architecture test: half of a package cycle. */
public class First {

    public Second next() {
        return new Second();
    }
}
