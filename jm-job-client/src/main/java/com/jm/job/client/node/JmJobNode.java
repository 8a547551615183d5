package com.jm.job.client.node;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the node once the application context is ready and shuts it down gracefully: stop
 * polling, let running jobs finish within the grace period (cancel the rest), flush outcomes,
 * deregister. Runs in the last lifecycle phase, so handlers' dependencies are up before the first
 * task arrives and still up while the last one finishes.
 */
public class JmJobNode implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JmJobNode.class);
    /** How long the final flush of outcomes may retry an unreachable master. */
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration THREAD_STOP_TIMEOUT = Duration.ofSeconds(5);

    private final NodeSession session;
    private final TaskLoader loader;
    private final Worker worker;
    private final HeartbeatSender heartbeat;
    private final OutcomeReporter reporter;
    private final Duration shutdownGracePeriod;
    private volatile boolean running;

    public JmJobNode(
            NodeSession session,
            TaskLoader loader,
            Worker worker,
            HeartbeatSender heartbeat,
            OutcomeReporter reporter,
            Duration shutdownGracePeriod) {
        this.session = session;
        this.loader = loader;
        this.worker = worker;
        this.heartbeat = heartbeat;
        this.reporter = reporter;
        this.shutdownGracePeriod = shutdownGracePeriod;
    }

    @Override
    public void start() {
        // Registration happens on the loader thread, so an unreachable master never blocks start-up.
        reporter.start();
        heartbeat.start();
        loader.start();
        running = true;
        log.info("jm-job node {} started for group '{}'", session.instance(), session.group());
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        log.info("jm-job node {} stopping", session.instance());
        loader.stop(THREAD_STOP_TIMEOUT);
        worker.shutdown(shutdownGracePeriod);
        heartbeat.stop(THREAD_STOP_TIMEOUT);
        reporter.drain(FLUSH_TIMEOUT);
        session.deregister();
        log.info("jm-job node {} stopped", session.instance());
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
