package com.jm.job.master.e2e;

/** How long each phase of a test took, for its log: where the time of a slow run went. */
final class Phases {

    private final StringBuilder ended = new StringBuilder("phases (ms):");
    private long start = System.nanoTime();

    void end(String phase) {
        long now = System.nanoTime();
        ended.append(' ').append(phase).append(' ').append((now - start) / 1_000_000);
        start = now;
    }

    @Override
    public String toString() {
        return ended.toString();
    }
}
