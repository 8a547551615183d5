package com.jm.job.client.node;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's run logs: the shipper's thread and, when capture is on, the Logback appender that
 * copies SLF4J lines of run threads into their run's log. Started and stopped with the node.
 */
final class RunLogs {

    private static final Logger log = LoggerFactory.getLogger(RunLogs.class);

    private final RunLogShipper shipper;
    private final boolean captureSlf4j;
    private AutoCloseable capture;

    RunLogs(RunLogShipper shipper, boolean captureSlf4j) {
        this.shipper = shipper;
        this.captureSlf4j = captureSlf4j;
    }

    RunLogShipper shipper() {
        return shipper;
    }

    synchronized void start() {
        shipper.start();
        if (captureSlf4j && capture == null) {
            capture = logbackPresent() ? LogbackRunLogCapture.install(shipper) : () -> {};
        }
    }

    /** Detaches the capture, then ships what is left within the timeout. */
    synchronized void stop(Duration timeout) {
        if (capture != null) {
            try {
                capture.close();
            } catch (Exception e) {
                log.warn("Could not detach the run log appender", e);
            }
            capture = null;
        }
        shipper.drain(timeout);
    }

    boolean isAlive() {
        return shipper.isAlive();
    }

    private static boolean logbackPresent() {
        try {
            Class.forName("ch.qos.logback.classic.LoggerContext", false, RunLogs.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
