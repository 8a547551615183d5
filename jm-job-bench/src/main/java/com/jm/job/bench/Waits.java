package com.jm.job.bench;

import java.time.Duration;

/** Waiting on a condition with a bound, checking meanwhile that the processes involved still run. */
final class Waits {

    private Waits() {}

    interface Condition {
        boolean holds() throws Exception;
    }

    static void until(String what, Duration timeout, Condition condition, Runnable aliveCheck) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            aliveCheck.run();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
