package com.jm.job.client.node;

import com.jm.job.common.protocol.RunResult;
import java.time.Duration;

/**
 * Told what happens on a node, for metrics or logs of the application's own; the core depends on
 * no metrics library, and the Spring Boot starter implements this with Micrometer when Micrometer
 * is on the classpath. Called on the node's own threads: an implementation must be quick and must
 * not block. What it throws is logged and changes nothing about the run.
 */
public interface NodeListener {

    /**
     * A run ended here and its outcome was handed to the reporter.
     *
     * @param handler the handler that ran it, or {@code null} when this node has no handler by the
     *     task's name (an arbitrary name from the master is not a name to count by)
     * @param result how it ended
     * @param duration how long it took on its worker thread
     */
    default void runEnded(String handler, RunResult result, Duration duration) {}
}
