package com.jm.job.bench;

import java.time.Instant;

/** Wall-clock time in epoch microseconds: comparable across the JVMs on one machine. */
final class Micros {

    private Micros() {}

    static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
