package com.jm.job.client.node;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A jm-job node: registers with the master, pulls its group's due tasks, runs them on its job
 * handlers and reports the outcomes. Build one with {@link #builder()} in a plain Java program; the
 * Spring Boot starter builds one from {@code jm.job.client.*} and starts and stops it with the
 * application context.
 *
 * <p>{@link #stop()} shuts down gracefully: stop polling, let running jobs finish within the grace
 * period (cancel the rest), flush outcomes, deregister.
 */
public class JmJobNode {

    private static final Logger log = LoggerFactory.getLogger(JmJobNode.class);
    /** How long the final flush of outcomes may retry an unreachable master. */
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration THREAD_STOP_TIMEOUT = Duration.ofSeconds(5);
    /** How long the final shipping of run log lines may take at shutdown. */
    private static final Duration LOG_FLUSH_TIMEOUT = Duration.ofSeconds(2);

    /**
     * The MDC key that holds the run id on a job thread while its handler runs, for example for
     * {@code %X{jmjob.runId}} in a log pattern; the run-log capture takes the lines that carry it.
     */
    public static final String MDC_RUN_ID = "jmjob.runId";

    private final NodeSession session;
    private final TaskLoader loader;
    private final Worker worker;
    private final HeartbeatSender heartbeat;
    private final OutcomeReporter reporter;
    private final Duration shutdownGracePeriod;
    private final ReachabilityTracker reachability;
    private final RunLogs logs;
    private volatile boolean running;

    /**
     * A node from parts wired by hand; {@link #builder()} does the wiring for most uses. Such a node
     * cannot tell whether its master is reachable ({@link #isMasterReachable()} answers false).
     */
    public JmJobNode(
            NodeSession session,
            TaskLoader loader,
            Worker worker,
            HeartbeatSender heartbeat,
            OutcomeReporter reporter,
            Duration shutdownGracePeriod) {
        this(session, loader, worker, heartbeat, reporter, shutdownGracePeriod, null, null);
    }

    /**
     * As wired by the builder: its master client reports whether the master answers, and it ships
     * run logs ({@code logs}, or {@code null} for none).
     */
    JmJobNode(
            NodeSession session,
            TaskLoader loader,
            Worker worker,
            HeartbeatSender heartbeat,
            OutcomeReporter reporter,
            Duration shutdownGracePeriod,
            ReachabilityTracker reachability,
            RunLogs logs) {
        this.reachability = reachability;
        this.logs = logs;
        this.session = session;
        this.loader = loader;
        this.worker = worker;
        this.heartbeat = heartbeat;
        this.reporter = reporter;
        this.shutdownGracePeriod = shutdownGracePeriod;
    }

    /** Starts describing a node; {@link JmJobNodeBuilder#build()} makes it. */
    public static JmJobNodeBuilder builder() {
        return new JmJobNodeBuilder();
    }

    /**
     * Starts the node's threads and returns at once: registration happens on the loader thread, so
     * an unreachable master never blocks start-up.
     */
    public synchronized void start() {
        if (running) {
            return;
        }
        reporter.start();
        if (logs != null) {
            logs.start();
        }
        heartbeat.start();
        loader.start();
        running = true;
        log.info("jm-job node {} started for group '{}'", session.instance(), session.group());
    }

    /** Shuts the node down gracefully and returns once it has deregistered. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        log.info("jm-job node {} stopping", session.instance());
        loader.stop(THREAD_STOP_TIMEOUT);
        worker.shutdown(shutdownGracePeriod);
        heartbeat.stop(THREAD_STOP_TIMEOUT);
        reporter.drain(FLUSH_TIMEOUT);
        if (logs != null) {
            // After the outcomes: a slow or absent master costs the outcomes nothing.
            logs.stop(LOG_FLUSH_TIMEOUT);
        }
        session.deregister();
        log.info("jm-job node {} stopped", session.instance());
    }

    /** Whether the node was started and not stopped since. */
    public boolean isRunning() {
        return running;
    }

    /**
     * Whether the node is running and each of its loops (loader, heartbeat, reporter, run logs) has a live
     * thread. A loop whose thread dies of an {@link Error} is restarted; this turns false if one could
     * not be, or while the node is not running, so a health check can report the node down.
     */
    public boolean isHealthy() {
        return running
                && loader.isAlive()
                && heartbeat.isAlive()
                && reporter.isAlive()
                && (logs == null || logs.isAlive());
    }

    /** The group whose tasks the node runs. */
    public String group() {
        return session.group();
    }

    /** The tags the node declares; tasks with tags run only on nodes that declare all of them. */
    public List<String> tags() {
        return session.tags();
    }

    /** The node's instance name, as operators see it. */
    public String instance() {
        return session.instance();
    }

    /** The id the master gave the node, or empty while it is not registered. */
    public OptionalLong nodeId() {
        return session.nodeId();
    }

    /** How many more runs the node can take now (worker threads plus prefetch, minus those held). */
    public int freeSlots() {
        return worker.freeSlots();
    }

    /** How many claimed runs wait here for a worker thread (at most the prefetch). */
    public int waitingRuns() {
        return worker.waitingRuns();
    }

    /** How many finished runs wait for the master to acknowledge their outcome. */
    public int unreportedOutcomes() {
        return reporter.pendingCount();
    }

    /** Whether the master answered the node's latest call (false before the first answer). */
    public boolean isMasterReachable() {
        return reachability != null && reachability.isReachable();
    }

    /**
     * Run log lines dropped since the node started: its buffer was full (the master away too long,
     * or runs writing faster than it takes them), or the master refused them.
     */
    public long droppedLogLines() {
        return logs == null ? 0 : logs.shipper().droppedLines();
    }

    /** Ids of the runs executing now. */
    public List<Long> runningRunIds() {
        return worker.runningRunIds();
    }
}
