package com.jm.job.client.node;

import com.jm.job.client.JobHandler;
import com.jm.job.client.handler.JobHandlerRegistry;
import com.jm.job.client.master.HttpMasterClient;
import com.jm.job.client.master.MasterClient;
import com.jm.job.common.protocol.NodeApi;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Describes a {@link JmJobNode}; only the master URL (or a {@link MasterClient}), the group and the
 * handlers are required. The defaults are the starter's ({@code jm.job.client.*}). Each setter
 * returns this builder; {@link #build()} checks the settings and wires the node, without starting
 * it.
 *
 * <pre>{@code
 * JmJobNode node = JmJobNode.builder()
 *         .masterUrl("http://jm-job-master:8080")
 *         .group("reports")
 *         .token(System.getenv("JMJOB_NODE_TOKEN"))
 *         .handler("helloJob", context -> JobResult.success("hello " + context.params()))
 *         .build();
 * node.start();
 * Runtime.getRuntime().addShutdownHook(new Thread(node::stop));
 * }</pre>
 */
public final class JmJobNodeBuilder {

    /** Default: jobs run at once. */
    public static final int DEFAULT_WORKER_THREADS = 8;
    /** Default: how long the master may hold a poll. */
    public static final Duration DEFAULT_POLL_WAIT = Duration.ofSeconds(10);
    /** Default: time between heartbeats. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
    /** Default: how long running jobs may finish at shutdown. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.ofSeconds(20);
    /** Default: how long before its lease ends a run that could not be renewed is cancelled. */
    public static final Duration DEFAULT_LEASE_SAFETY_MARGIN = LeaseFence.DEFAULT_SAFETY_MARGIN;
    /** Longest lease safety margin accepted. */
    public static final Duration MAX_LEASE_SAFETY_MARGIN = Duration.ofMinutes(10);
    /** Default: most outcomes per report call. */
    public static final int DEFAULT_REPORT_BATCH_SIZE = 100;
    /** Default: how long a partial batch of outcomes waits for more. */
    public static final Duration DEFAULT_REPORT_FLUSH_INTERVAL = Duration.ofMillis(10);
    /** Default: most run log lines the node buffers. */
    public static final int DEFAULT_RUN_LOG_BUFFER_LINES = RunLogShipper.DEFAULT_BUFFER_LINES;
    /** Default: how long run log lines gather before a partial batch is shipped. */
    public static final Duration DEFAULT_RUN_LOG_FLUSH_INTERVAL = RunLogShipper.DEFAULT_FLUSH_INTERVAL;
    /** Default: connecting to one master. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Default: waiting for an answer (a poll adds its wait). */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Default: first retry delay while the master is unreachable. */
    public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofMillis(500);
    /** Default: longest retry delay. */
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(30);

    private final List<URI> masterUrls = new ArrayList<>();
    private String token;
    private SSLContext sslContext;
    private MasterClient masterClient;
    private String group;
    private String instance;
    private String ip;
    private final List<String> tags = new ArrayList<>();
    private JobHandlerRegistry handlers;
    private final Map<String, JobHandler> namedHandlers = new LinkedHashMap<>();
    private int workerThreads = DEFAULT_WORKER_THREADS;
    private int prefetch;
    private Duration pollWait = DEFAULT_POLL_WAIT;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private Duration shutdownGracePeriod = DEFAULT_SHUTDOWN_GRACE_PERIOD;
    private Duration leaseSafetyMargin = DEFAULT_LEASE_SAFETY_MARGIN;
    private int reportBatchSize = DEFAULT_REPORT_BATCH_SIZE;
    private Duration reportFlushInterval = DEFAULT_REPORT_FLUSH_INTERVAL;
    private boolean runLogCapture = true;
    private int runLogBufferLines = DEFAULT_RUN_LOG_BUFFER_LINES;
    private Duration runLogFlushInterval = DEFAULT_RUN_LOG_FLUSH_INTERVAL;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration backoffInitial = DEFAULT_BACKOFF_INITIAL;
    private Duration backoffMax = DEFAULT_BACKOFF_MAX;
    private Clock clock = Clock.systemUTC();
    private final List<NodeListener> listeners = new ArrayList<>();

    JmJobNodeBuilder() {}

    /** Adds a master base URL; several are tried in order, moving on when one is unreachable. */
    public JmJobNodeBuilder masterUrl(String url) {
        masterUrls.add(URI.create(url));
        return this;
    }

    /** Replaces the master base URLs, tried in order. */
    public JmJobNodeBuilder masterUrls(List<URI> urls) {
        masterUrls.clear();
        masterUrls.addAll(urls);
        return this;
    }

    /**
     * What https master URLs are trusted with (for example {@link
     * com.jm.job.client.master.PemTrust#sslContext}); default the JVM's trust store. A master whose
     * certificate it does not trust is refused.
     */
    public JmJobNodeBuilder sslContext(SSLContext sslContext) {
        this.sslContext = sslContext;
        return this;
    }

    /** The node token sent on every call, when the master expects one. */
    public JmJobNodeBuilder token(String token) {
        this.token = token;
        return this;
    }

    /** Talks to the master through this client instead of HTTP to the master URLs. */
    public JmJobNodeBuilder masterClient(MasterClient masterClient) {
        this.masterClient = masterClient;
        return this;
    }

    /** The group whose tasks the node runs (required). */
    public JmJobNodeBuilder group(String group) {
        this.group = group;
        return this;
    }

    /** The node's name for operators; default {@code host:pid}. */
    public JmJobNodeBuilder instance(String instance) {
        this.instance = instance;
        return this;
    }

    /** The address reported to operators; default the local host's. */
    public JmJobNodeBuilder ip(String ip) {
        this.ip = ip;
        return this;
    }

    /**
     * Adds a tag the node declares: a task with tags runs only on nodes that declare all of them.
     * A tag is what {@link NodeApi#TAG_RULE} says; at most {@link NodeApi#MAX_TAGS}.
     */
    public JmJobNodeBuilder tag(String tag) {
        tags.add(tag);
        return this;
    }

    /** Replaces the tags the node declares (see {@link #tag}); {@code null} or empty: none. */
    public JmJobNodeBuilder tags(List<String> tags) {
        this.tags.clear();
        if (tags != null) {
            this.tags.addAll(tags);
        }
        return this;
    }

    /** Adds a handler under the name tasks give in their {@code beanName}. */
    public JmJobNodeBuilder handler(String name, JobHandler handler) {
        if (namedHandlers.putIfAbsent(Objects.requireNonNull(name, "name"), Objects.requireNonNull(handler)) != null) {
            throw new IllegalArgumentException("Two jm-job handlers are named '" + name + "'");
        }
        return this;
    }

    /** Finds handlers here instead of among those added by {@link #handler}. */
    public JmJobNodeBuilder handlers(JobHandlerRegistry handlers) {
        this.handlers = handlers;
        return this;
    }

    /** How many jobs run at once. */
    public JmJobNodeBuilder workerThreads(int workerThreads) {
        this.workerThreads = workerThreads;
        return this;
    }

    /** How many claimed tasks may wait here for a thread (see {@code jm.job.client.prefetch}). */
    public JmJobNodeBuilder prefetch(int prefetch) {
        this.prefetch = prefetch;
        return this;
    }

    /** How long the master may hold a poll when nothing is due. */
    public JmJobNodeBuilder pollWait(Duration pollWait) {
        this.pollWait = pollWait;
        return this;
    }

    /** Time between heartbeats. */
    public JmJobNodeBuilder heartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
        return this;
    }

    /**
     * How long before a run's lease ends the node cancels the run itself when no heartbeat renewed
     * it (see {@code jm.job.client.lease-safety-margin}).
     */
    public JmJobNodeBuilder leaseSafetyMargin(Duration leaseSafetyMargin) {
        this.leaseSafetyMargin = leaseSafetyMargin;
        return this;
    }

    /** How long running jobs may finish at shutdown before they are cancelled. */
    public JmJobNodeBuilder shutdownGracePeriod(Duration shutdownGracePeriod) {
        this.shutdownGracePeriod = shutdownGracePeriod;
        return this;
    }

    /** Most outcomes per report call, and how long a partial batch waits for more. */
    public JmJobNodeBuilder report(int batchSize, Duration flushInterval) {
        this.reportBatchSize = batchSize;
        this.reportFlushInterval = flushInterval;
        return this;
    }

    /**
     * Whether SLF4J lines logged on a run's thread while its handler runs go to the run's log
     * (default yes; needs Logback as SLF4J's backend). Lines written with {@code JobContext.log}
     * always do.
     */
    public JmJobNodeBuilder runLogCapture(boolean capture) {
        this.runLogCapture = capture;
        return this;
    }

    /**
     * The run log buffer: most lines held while they wait for the master (more are dropped and
     * counted), and how long lines gather before a partial batch is shipped.
     */
    public JmJobNodeBuilder runLogBuffer(int lines, Duration flushInterval) {
        this.runLogBufferLines = lines;
        this.runLogFlushInterval = flushInterval;
        return this;
    }

    /** HTTP timeouts: connecting to one master, and waiting for an answer (a poll gets its wait on top). */
    public JmJobNodeBuilder http(Duration connectTimeout, Duration requestTimeout) {
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        return this;
    }

    /** Retry delays while the master is unreachable: the first, doubling up to the longest. */
    public JmJobNodeBuilder backoff(Duration initial, Duration max) {
        this.backoffInitial = initial;
        this.backoffMax = max;
        return this;
    }

    /**
     * The clock run durations, shutdown deadlines and leases are measured with; default UTC system
     * time.
     */
    public JmJobNodeBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Adds a listener told about the node's runs, for metrics; default none. */
    public JmJobNodeBuilder listener(NodeListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Checks the settings and wires the node (not started).
     *
     * @throws IllegalArgumentException naming the first setting that is missing or out of range
     */
    public JmJobNode build() {
        check();
        ReachabilityTracker master = new ReachabilityTracker(
                masterClient != null
                        ? masterClient
                        : new HttpMasterClient(masterUrls, token, connectTimeout, requestTimeout, sslContext));
        NodeSession session = new NodeSession(master, NodeIdentity.of(group, ip, instance, workerThreads, tags));
        OutcomeReporter reporter = new OutcomeReporter(master, reportBatchSize, reportFlushInterval, backoff(), clock);
        RunLogs logs = new RunLogs(
                new RunLogShipper(master, runLogBufferLines, runLogFlushInterval, backoff(), clock), runLogCapture);
        Worker worker = new Worker(
                handlers != null ? handlers : JobHandlerRegistry.of(namedHandlers),
                reporter,
                logs.shipper(),
                workerThreads,
                prefetch,
                session.instance(),
                new LeaseFence(clock, leaseSafetyMargin));
        listeners.forEach(worker::onRunEnded);
        HeartbeatSender heartbeat = new HeartbeatSender(master, session, worker, reporter, heartbeatInterval);
        TaskLoader loader = new TaskLoader(master, session, worker, pollWait, backoff(), heartbeat::acknowledgeNow);
        return new JmJobNode(session, loader, worker, heartbeat, reporter, shutdownGracePeriod, master, logs);
    }

    private Backoff backoff() {
        return new Backoff(backoffInitial, backoffMax);
    }

    private void check() {
        require(masterClient != null || !masterUrls.isEmpty(), "masterUrl", "a master URL or a masterClient is needed");
        for (URI url : masterUrls) {
            boolean http = "http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
            require(http && url.getHost() != null, "masterUrl", url + " is not an absolute http(s) URL");
        }
        require(NodeIdentity.hasText(group), "group", "the group whose tasks the node runs is needed");
        require(tags.size() <= NodeApi.MAX_TAGS, "tags", "at most " + NodeApi.MAX_TAGS + ", got " + tags.size());
        for (String tag : tags) {
            require(
                    tag != null && tag.matches(NodeApi.TAG_PATTERN),
                    "tags",
                    (tag == null ? "null" : "'" + tag + "'") + " is not a tag; " + NodeApi.TAG_RULE);
        }
        require(handlers == null || namedHandlers.isEmpty(), "handlers", "give handlers(..) or handler(..), not both");
        require(
                workerThreads >= 1 && workerThreads + Math.max(0, prefetch) <= NodeApi.MAX_POLL_TASKS,
                "workerThreads",
                "1 or more, and with the prefetch at most " + NodeApi.MAX_POLL_TASKS);
        require(prefetch >= 0, "prefetch", "0 or more");
        require(
                reportBatchSize >= 1 && reportBatchSize <= NodeApi.MAX_FINISH_OUTCOMES,
                "report",
                "the batch size must be between 1 and " + NodeApi.MAX_FINISH_OUTCOMES);
        require(
                !pollWait.isNegative() && pollWait.toMillis() <= NodeApi.MAX_POLL_WAIT_MILLIS,
                "pollWait",
                "between 0 and " + NodeApi.MAX_POLL_WAIT_MILLIS + " ms");
        require(positive(heartbeatInterval), "heartbeatInterval", "it must be positive");
        require(
                leaseSafetyMargin != null
                        && positive(leaseSafetyMargin)
                        && leaseSafetyMargin.compareTo(MAX_LEASE_SAFETY_MARGIN) <= 0,
                "leaseSafetyMargin",
                "it must be positive and at most " + MAX_LEASE_SAFETY_MARGIN.toMinutes() + " min");
        require(runLogBufferLines >= 1, "runLogBuffer", "it must hold at least 1 line");
        require(
                runLogFlushInterval != null && !runLogFlushInterval.isNegative(),
                "runLogBuffer",
                "the flush interval must not be negative");
        require(!shutdownGracePeriod.isNegative(), "shutdownGracePeriod", "it must not be negative");
        require(positive(connectTimeout) && positive(requestTimeout), "http", "timeouts must be positive");
    }

    private static boolean positive(Duration value) {
        return !value.isNegative() && !value.isZero();
    }

    private static void require(boolean condition, String setting, String reason) {
        if (!condition) {
            throw new IllegalArgumentException("jm-job node setting " + setting + ": " + reason);
        }
    }
}
