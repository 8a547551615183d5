package com.jm.job.client;

import com.jm.job.common.protocol.LogLevel;

/**
 * Where the lines a handler writes with {@link JobContext#log} go. The node's sink ships them to
 * the master as the run's log; a test of a handler can pass its own to see them.
 */
@FunctionalInterface
public interface RunLogSink {

    /** A sink that keeps nothing: the default of a context made by hand. */
    RunLogSink DISCARD = (level, text) -> {};

    /**
     * Takes one line. Called on the handler's thread, so it must return at once: the node's sink
     * only buffers, and drops (counting) what does not fit.
     */
    void write(LogLevel level, String text);
}
