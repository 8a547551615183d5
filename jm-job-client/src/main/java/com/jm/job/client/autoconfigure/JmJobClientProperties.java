package com.jm.job.client.autoconfigure;

import com.jm.job.common.protocol.NodeApi;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lombok.Getter;
import lombok.Setter;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Settings of a jm-job node. A worker app needs only {@code jm.job.client.master-url} and {@code
 * jm.job.client.group}; everything else has a default.
 */
@Getter
@Setter
@ConfigurationProperties(prefix = JmJobClientProperties.PREFIX)
public class JmJobClientProperties {

    public static final String PREFIX = "jm.job.client";
    // The defaults repeat the core builder's (JmJobNodeBuilder.DEFAULT_*) as literals, because the
    // configuration processor records a default only from a literal; a test keeps the two equal.
    public static final int DEFAULT_WORKER_THREADS = 8;
    public static final Duration DEFAULT_POLL_WAIT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.ofSeconds(20);
    /** The master accepts at most this many tasks per poll and outcomes per report. */
    public static final int PROTOCOL_BATCH_LIMIT = Math.min(NodeApi.MAX_POLL_TASKS, NodeApi.MAX_FINISH_OUTCOMES);
    /** The master holds a poll at most this long. */
    public static final Duration MAX_POLL_WAIT = Duration.ofMillis(NodeApi.MAX_POLL_WAIT_MILLIS);

    /** Whether this application runs as a jm-job node. */
    private boolean enabled = true;

    /**
     * Base URLs of the master, for example {@code http://jm-job-master:8080}. Several (comma-separated)
     * are tried in order: the node moves to the next one when a master is unreachable.
     */
    private List<URI> masterUrl = new ArrayList<>();

    /** Name of the group whose tasks this node runs; the master creates an unknown group. */
    private String group;

    /** Shared node token the master expects in every call, when it is configured with one. */
    private String token;

    /** Name of this node process shown to operators; defaults to {@code host:pid}. */
    private String instance;

    /** Address this node reports to operators; defaults to the local host's address. */
    private String ip;

    /** How many jobs run at once: the worker pool's size. */
    private int workerThreads = DEFAULT_WORKER_THREADS;

    /**
     * How many claimed tasks may wait in the node for a free worker thread (0, the default: none).
     * For many short tasks: the node then polls only once at least this many slots are free and
     * claims up to {@code worker-threads + prefetch} tasks in one poll, so the master and the
     * database handle large batches. The cost: tasks waiting here are not available to other nodes
     * (their leases are kept alive by heartbeats, and their time-out starts when they start). Keep
     * it 0 for long-running tasks.
     */
    private int prefetch;

    /**
     * How long the master may hold a poll when nothing is due (at most 2 minutes). Short by
     * default: an idle poll costs the master no database query, and a node that dies while its
     * poll is held could be handed work until the poll ends (the run is then LOST at lease expiry).
     */
    private Duration pollWait = DEFAULT_POLL_WAIT;

    /** Time between heartbeats, which keep the leases of running jobs alive. */
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;

    /** How long running jobs may take to finish at shutdown before they are cancelled. */
    private Duration shutdownGracePeriod = DEFAULT_SHUTDOWN_GRACE_PERIOD;

    /** Reporting of finished runs to the master. */
    private final Report report = new Report();

    /** HTTP calls to the master. */
    private final Http http = new Http();

    /** Retries while the master is unreachable: registration, polls and reports. */
    private final RetryBackoff backoff = new RetryBackoff();

    /** Reporting of finished runs. */
    @Getter
    @Setter
    public static class Report {

        public static final int DEFAULT_BATCH_SIZE = 100;
        public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(10);

        /** Most run outcomes sent in one call; a full batch is sent at once. */
        private int batchSize = DEFAULT_BATCH_SIZE;

        /** How long a partial batch waits for more outcomes before it is sent. */
        private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
    }

    /** HTTP calls to the master. */
    @Getter
    @Setter
    public static class Http {

        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
        public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

        /** How long to wait for a connection to one master before trying the next. */
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

        /** How long to wait for an answer; a long poll gets the poll wait on top. */
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    }

    /** Retries while the master is unreachable. */
    @Getter
    @Setter
    public static class RetryBackoff {

        public static final Duration DEFAULT_INITIAL = Duration.ofMillis(500);
        public static final Duration DEFAULT_MAX = Duration.ofSeconds(30);

        /** Delay after the first failure; it doubles with each further failure. */
        private Duration initial = DEFAULT_INITIAL;

        /** Longest delay between two attempts. */
        private Duration max = DEFAULT_MAX;
    }

    /**
     * Fails start-up with a message naming the property when a setting is missing or out of range.
     *
     * @throws InvalidConfigurationPropertyValueException for the first bad setting
     */
    public void validate() {
        if (masterUrl.isEmpty()) {
            throw invalid(
                    "master-url",
                    null,
                    "Set it to the jm-job master's base URL, for example http://localhost:8080 (several: comma-separated).");
        }
        for (URI url : masterUrl) {
            boolean http = "http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
            if (!http || url.getHost() == null) {
                throw invalid(
                        "master-url",
                        url,
                        "Each master URL must be an absolute http(s) URL, for example http://localhost:8080.");
            }
        }
        if (group == null || group.isBlank()) {
            throw invalid("group", group, "Set it to the name of the group whose tasks this node runs.");
        }
        if (workerThreads < 1 || workerThreads > PROTOCOL_BATCH_LIMIT) {
            throw invalid("worker-threads", workerThreads, "It must be between 1 and " + PROTOCOL_BATCH_LIMIT + ".");
        }
        if (prefetch < 0 || workerThreads + prefetch > PROTOCOL_BATCH_LIMIT) {
            throw invalid(
                    "prefetch",
                    prefetch,
                    "It must be 0 or more, and worker-threads + prefetch at most " + PROTOCOL_BATCH_LIMIT + ".");
        }
        if (report.batchSize < 1 || report.batchSize > PROTOCOL_BATCH_LIMIT) {
            throw invalid(
                    "report.batch-size", report.batchSize, "It must be between 1 and " + PROTOCOL_BATCH_LIMIT + ".");
        }
        if (pollWait.isNegative() || pollWait.compareTo(MAX_POLL_WAIT) > 0) {
            throw invalid("poll-wait", pollWait, "It must be between 0 and " + MAX_POLL_WAIT.toSeconds() + " s.");
        }
        requirePositive("heartbeat-interval", heartbeatInterval);
        requirePositive("backoff.initial", backoff.initial);
        if (backoff.max.compareTo(backoff.initial) < 0) {
            throw invalid("backoff.max", backoff.max, "It must not be shorter than backoff.initial.");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw invalid(name, value, "It must be positive.");
        }
    }

    private static InvalidConfigurationPropertyValueException invalid(String name, Object value, String reason) {
        return new InvalidConfigurationPropertyValueException(PREFIX + "." + name, value, reason);
    }
}
