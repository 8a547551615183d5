package com.jm.job.master.architecture.cyclic.b;

import com.jm.job.master.architecture.cyclic.a.First;

/** Fixture for the architecture test: the other half of a package cycle. */
public class Second {

    public First back() {
        return new First();
    }
}
