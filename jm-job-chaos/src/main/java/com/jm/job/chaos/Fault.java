package com.jm.job.chaos;

import java.time.Duration;

/**
 * One fault of the chaos run: a kind, what it hits (faults on the same target never overlap; on
 * different targets they do), an inject and a heal step, and how long it holds in between, drawn
 * from the run's seed.
 */
interface Fault {

    String kind();

    /** What it hits: {@code node-2}, {@code master-1}, {@code redis}, {@code replica}, {@code primary}. */
    String target();

    Duration hold();

    void inject();

    void heal();
}
