package com.jm.job.client.autoconfigure;

import com.jm.job.common.protocol.NodeApi;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lombok.Getter;
import lombok.Setter;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of a jm-job node. A worker app needs only {@code jm.job.client.master-url} and {@code
 * jm.job.client.group}; everything else has a default. Checked when bound: a missing or
 * out-of-range setting fails start-up with a message that starts with the property's name.
 */
@Getter
@Setter
@Validated
@ConfigurationProperties(prefix = JmJobClientProperties.PREFIX)
public class JmJobClientProperties {

    public static final String PREFIX = "jm.job.client";
    // The defaults repeat the core builder's (JmJobNodeBuilder.DEFAULT_*) as literals, because the
    // configuration processor records a default only from a literal; a test keeps the two equal.
    public static final int DEFAULT_WORKER_THREADS = 8;
    public static final Duration DEFAULT_POLL_WAIT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.ofSeconds(20);
    public static final Duration DEFAULT_LEASE_SAFETY_MARGIN = Duration.ofSeconds(5);

    private static final String WORKER_THREADS_RANGE =
            "jm.job.client.worker-threads: it must be between 1 and " + NodeApi.MAX_POLL_TASKS + ".";
    private static final String POLL_WAIT_RANGE =
            "jm.job.client.poll-wait: it must be between 0 and " + NodeApi.MAX_POLL_WAIT_MILLIS / 1000 + " s.";
    private static final String LEASE_SAFETY_MARGIN_RANGE =
            "jm.job.client.lease-safety-margin: it must be positive and at most 10 min (and shorter than the master's lease).";
    private static final String TAG_RULE = "jm.job.client.tags: " + NodeApi.TAG_RULE + ".";
    private static final String BATCH_SIZE_RANGE =
            "jm.job.client.report.batch-size: it must be between 1 and " + NodeApi.MAX_FINISH_OUTCOMES + ".";

    /** Whether this application runs as a jm-job node. */
    private boolean enabled = true;

    /**
     * Base URLs of the master, for example {@code http://jm-job-master:8080}. Several (comma-separated)
     * are tried in order: the node moves to the next one when a master is unreachable.
     */
    @NotEmpty(
            message = "jm.job.client.master-url: set it to the jm-job master's base URL, for example"
                    + " http://localhost:8080 (several: comma-separated).")
    private List<URI> masterUrl = new ArrayList<>();

    /** Name of the group whose tasks this node runs; the master creates an unknown group. */
    @NotBlank(message = "jm.job.client.group: set it to the name of the group whose tasks this node runs.")
    private String group;

    /** Shared node token the master expects in every call, when it is configured with one. */
    private String token;

    /** Name of this node process shown to operators; defaults to {@code host:pid}. */
    private String instance;

    /** Address this node reports to operators; defaults to the local host's address. */
    private String ip;

    /**
     * Tags this node declares (comma-separated), for example {@code gpu,region:eu}: a task with tags
     * runs only on nodes that declare all of them; a node without tags takes only tasks without
     * tags. At most 32; each 1 to 64 characters, a letter or digit then letters, digits, '.', '_',
     * ':' or '-'. Sent with every registration, so a changed list takes effect when the node
     * restarts.
     */
    @Size(
            max = NodeApi.MAX_TAGS,
            message = "jm.job.client.tags: a node may declare at most " + NodeApi.MAX_TAGS + " tags.")
    private List<@NotNull(message = TAG_RULE) @Pattern(regexp = NodeApi.TAG_PATTERN, message = TAG_RULE) String> tags =
            new ArrayList<>();

    /** How many jobs run at once: the worker pool's size. */
    @Min(value = 1, message = WORKER_THREADS_RANGE)
    @Max(value = NodeApi.MAX_POLL_TASKS, message = WORKER_THREADS_RANGE)
    private int workerThreads = DEFAULT_WORKER_THREADS;

    /**
     * How many claimed tasks may wait in the node for a free worker thread (0, the default: none).
     * For many short tasks: the node then polls only once at least this many slots are free and
     * claims up to {@code worker-threads + prefetch} tasks in one poll, so the master and the
     * database handle large batches. The cost: tasks waiting here are not available to other nodes
     * (their leases are kept alive by heartbeats, and their time-out starts when they start). Keep
     * it 0 for long-running tasks.
     */
    @Min(value = 0, message = "jm.job.client.prefetch: it must be 0 or more.")
    private int prefetch;

    /**
     * How long the master may hold a poll when nothing is due (at most 2 minutes). Short by
     * default: an idle poll costs the master no database query, and a node that dies while its
     * poll is held could be handed work until the poll ends (the run is then LOST at lease expiry).
     */
    @NotNull(message = POLL_WAIT_RANGE)
    @DurationMin(millis = 0, message = POLL_WAIT_RANGE)
    @DurationMax(millis = NodeApi.MAX_POLL_WAIT_MILLIS, message = POLL_WAIT_RANGE)
    private Duration pollWait = DEFAULT_POLL_WAIT;

    /** Time between heartbeats, which keep the leases of running jobs alive. */
    @NotNull(message = "jm.job.client.heartbeat-interval: it must be positive.")
    @DurationMin(millis = 0, inclusive = false, message = "jm.job.client.heartbeat-interval: it must be positive.")
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;

    /**
     * How long before a run's lease ends (by this node's clock, counted from the last poll or
     * heartbeat the master answered) the node cancels the run itself when no heartbeat renewed it,
     * so that it has stopped before the master declares the run lost and hands it to another node.
     * It must cover the time a handler takes to honour cancellation. It is cut to a fifth of the
     * master's lease when that is shorter. Keep the master's lease minus the margin at least two
     * heartbeat intervals, or one failed heartbeat fences every run.
     */
    @NotNull(message = LEASE_SAFETY_MARGIN_RANGE)
    @DurationMin(millis = 0, inclusive = false, message = LEASE_SAFETY_MARGIN_RANGE)
    @DurationMax(minutes = 10, message = LEASE_SAFETY_MARGIN_RANGE)
    private Duration leaseSafetyMargin = DEFAULT_LEASE_SAFETY_MARGIN;

    /** How long running jobs may take to finish at shutdown before they are cancelled. */
    @NotNull(message = "jm.job.client.shutdown-grace-period: it must not be negative.")
    @DurationMin(millis = 0, message = "jm.job.client.shutdown-grace-period: it must not be negative.")
    private Duration shutdownGracePeriod = DEFAULT_SHUTDOWN_GRACE_PERIOD;

    /** Reporting of finished runs to the master. */
    @Valid
    private final Report report = new Report();

    /** Run logs: lines handlers write, shipped to the master. */
    @Valid
    private final RunLog runLog = new RunLog();

    /** HTTP calls to the master. */
    @Valid
    private final Http http = new Http();

    /** Retries while the master is unreachable: registration, polls and reports. */
    @Valid
    private final RetryBackoff backoff = new RetryBackoff();

    /** Which certificates an https master URL is trusted with. */
    private final Ssl ssl = new Ssl();

    /**
     * Trust for https master URLs. With neither set, the JVM's default trust store decides; a
     * master whose certificate is not trusted is refused (and the log says so).
     */
    @Getter
    @Setter
    public static class Ssl {

        /** Name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) whose trust store holds the master's CA. */
        private String bundle;

        /** A PEM file with the master's CA (or its own certificate), when no bundle is used. */
        private String trustPem;
    }

    /** Reporting of finished runs. */
    @Getter
    @Setter
    public static class Report {

        public static final int DEFAULT_BATCH_SIZE = 100;
        public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(10);

        /** Most run outcomes sent in one call; a full batch is sent at once. */
        @Min(value = 1, message = BATCH_SIZE_RANGE)
        @Max(value = NodeApi.MAX_FINISH_OUTCOMES, message = BATCH_SIZE_RANGE)
        private int batchSize = DEFAULT_BATCH_SIZE;

        /** How long a partial batch waits for more outcomes before it is sent. */
        @NotNull(message = "jm.job.client.report.flush-interval: it must not be negative.")
        @DurationMin(millis = 0, message = "jm.job.client.report.flush-interval: it must not be negative.")
        private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
    }

    /**
     * Run logs: what handlers write with {@code JobContext.log}, and (unless switched off) what they
     * log through SLF4J on the run's thread, shipped to the master in batches. Never blocks a
     * handler: lines that do not fit in the buffer are dropped and counted.
     */
    @Getter
    @Setter
    public static class RunLog {

        public static final int DEFAULT_BUFFER_LINES = 10_000;
        public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);

        /**
         * Whether SLF4J lines logged on a run's thread while its handler runs also go to the run's
         * log (through a Logback appender on the root logger; lines of other threads never do).
         */
        private boolean captureSlf4j = true;

        /**
         * Most lines the node holds while they wait for the master (it is away, or runs write faster
         * than it takes them); more are dropped, and the run's log says how many.
         */
        @Min(value = 1, message = "jm.job.client.run-log.buffer-lines: it must be at least 1.")
        private int bufferLines = DEFAULT_BUFFER_LINES;

        /** How long lines gather before a partial batch is shipped. */
        @NotNull(message = "jm.job.client.run-log.flush-interval: it must not be negative.")
        @DurationMin(millis = 0, message = "jm.job.client.run-log.flush-interval: it must not be negative.")
        private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
    }

    /** HTTP calls to the master. */
    @Getter
    @Setter
    public static class Http {

        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
        public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

        /** How long to wait for a connection to one master before trying the next. */
        @NotNull(message = "jm.job.client.http.connect-timeout: it must be positive.")
        @DurationMin(
                millis = 0,
                inclusive = false,
                message = "jm.job.client.http.connect-timeout: it must be positive.")
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

        /** How long to wait for an answer; a long poll gets the poll wait on top. */
        @NotNull(message = "jm.job.client.http.request-timeout: it must be positive.")
        @DurationMin(
                millis = 0,
                inclusive = false,
                message = "jm.job.client.http.request-timeout: it must be positive.")
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    }

    /** Retries while the master is unreachable. */
    @Getter
    @Setter
    public static class RetryBackoff {

        public static final Duration DEFAULT_INITIAL = Duration.ofMillis(500);
        public static final Duration DEFAULT_MAX = Duration.ofSeconds(30);

        /** Delay after the first failure; it doubles with each further failure. */
        @NotNull(message = "jm.job.client.backoff.initial: it must be positive.")
        @DurationMin(millis = 0, inclusive = false, message = "jm.job.client.backoff.initial: it must be positive.")
        private Duration initial = DEFAULT_INITIAL;

        /** Longest delay between two attempts. */
        @NotNull(message = "jm.job.client.backoff.max: it must be set.")
        private Duration max = DEFAULT_MAX;
    }

    // Cross-field and per-URL rules; each message starts with the property it is about. Private:
    // Bean Validation reads them, the binder and the metadata do not take them for properties.

    @AssertTrue(
            message = "jm.job.client.master-url: each master URL must be an absolute http(s) URL,"
                    + " for example http://localhost:8080.")
    private boolean isMasterUrlHttp() {
        return masterUrl.stream()
                .allMatch(url -> url != null
                        && ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                        && url.getHost() != null);
    }

    @AssertTrue(
            message = "jm.job.client.prefetch: worker-threads + prefetch must be at most " + NodeApi.MAX_POLL_TASKS
                    + ", the most tasks one poll may claim.")
    private boolean isPrefetchWithinPollLimit() {
        return workerThreads + prefetch <= NodeApi.MAX_POLL_TASKS;
    }

    @AssertTrue(message = "jm.job.client.ssl.bundle: set it or ssl.trust-pem, not both.")
    private boolean isOneTrustSource() {
        return ssl.bundle == null || ssl.bundle.isBlank() || ssl.trustPem == null || ssl.trustPem.isBlank();
    }

    @AssertTrue(message = "jm.job.client.backoff.max: it must not be shorter than backoff.initial.")
    private boolean isBackoffMaxAtLeastInitial() {
        return backoff.initial == null || backoff.max == null || backoff.max.compareTo(backoff.initial) >= 0;
    }
}
