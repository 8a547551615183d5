package com.jm.job.master.config;

import com.jm.job.common.protocol.NodeApi;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lombok.Getter;
import lombok.Setter;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Settings of the master, under {@code jm.job.master}. The primary database is {@code spring.datasource.*}. */
@Getter
@Setter
@Validated
@ConfigurationProperties("jm.job.master")
public class JmJobMasterProperties {

    public static final int DEFAULT_MAX_PAGE_SIZE = 200;
    public static final Duration DEFAULT_NODE_OFFLINE_AFTER = Duration.ofSeconds(30);
    public static final Duration DEFAULT_REPLICA_CONNECT_TIMEOUT = Duration.ofMillis(500);
    public static final Duration DEFAULT_REPLICA_RETRY_AFTER = Duration.ofSeconds(5);
    public static final int DEFAULT_MESSAGE_MAX_LENGTH = NodeApi.MAX_MESSAGE_LENGTH;
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(25);
    public static final Duration DEFAULT_LEASE_CHECK_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_DELIVERY_LEASE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RUN_RETENTION = Duration.ofDays(30);
    public static final Duration DEFAULT_HISTORY_CLEANUP_INTERVAL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_MAX_POLL_WAIT = Duration.ofSeconds(60);
    public static final int DEFAULT_POLL_THREADS = 8;
    public static final Duration DEFAULT_HEARTBEAT_FLUSH_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RETRY_BACKOFF_BASE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RETRY_BACKOFF_MAX = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CRON_MISFIRE_THRESHOLD = Duration.ofSeconds(5);
    public static final Duration DEFAULT_NODE_CACHE_TTL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_METRICS_REFRESH_INTERVAL = Duration.ofSeconds(15);
    public static final Duration DEFAULT_INDEX_CHECK_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_INDEX_REBUILD_INTERVAL = Duration.ofMinutes(1);

    /**
     * Read replicas of the primary. Read-only work (lists, gets, history) is spread over them; with
     * none, everything runs on the primary.
     */
    private List<Replica> replicas = new ArrayList<>();

    /**
     * How long to wait for a replica connection before falling back to the primary. Kept short so a
     * replica that is down costs a read little.
     */
    private Duration replicaConnectTimeout = DEFAULT_REPLICA_CONNECT_TIMEOUT;

    /** How long a replica that failed to connect is skipped before it is tried again. */
    private Duration replicaRetryAfter = DEFAULT_REPLICA_RETRY_AFTER;

    /** Largest request body accepted; a larger one is refused with 413 before it is read. */
    private DataSize maxRequestSize = DataSize.ofKilobytes(512);

    /** Largest page a list endpoint serves; a larger {@code size} is refused with 400. */
    private int maxPageSize = DEFAULT_MAX_PAGE_SIZE;

    /** A node whose last heartbeat is older than this is shown offline. */
    private Duration nodeOfflineAfter = DEFAULT_NODE_OFFLINE_AFTER;

    /**
     * Longest run message or task error kept; longer ones are cut, so one report cannot bloat a row.
     * At most the columns' 2,000 characters: a longer message would fail its finish report, which
     * the node would then resend forever.
     */
    @Min(1)
    @Max(DEFAULT_MESSAGE_MAX_LENGTH)
    private int messageMaxLength = DEFAULT_MESSAGE_MAX_LENGTH;

    /**
     * How long a claimed run stays a node's without a heartbeat. Heartbeats extend it; once it
     * lapses the node counts as lost for that run.
     */
    private Duration lease = DEFAULT_LEASE;

    /**
     * The lease a claim grants a node that acknowledges deliveries, until its acknowledgement (an
     * immediate heartbeat) extends it to {@link #lease}: how soon runs of a poll answer that never
     * reached the node (it died while its poll was held, the connection dropped) are pending again.
     * A longer one than {@link #lease} counts as the lease. Long enough for the node's heartbeat
     * round trip and its fencing margin (nodes keep at most a fifth of the shortest lease they were
     * given as margin).
     */
    private Duration deliveryLease = DEFAULT_DELIVERY_LEASE;

    /**
     * How often lapsed leases are looked for. A node that dies is detected at most lease plus this
     * after its last heartbeat.
     */
    private Duration leaseCheckInterval = DEFAULT_LEASE_CHECK_INTERVAL;

    /** Finished runs older than this are deleted from the history. */
    private Duration runRetention = DEFAULT_RUN_RETENTION;

    /** How often old history is deleted. */
    private Duration historyCleanupInterval = DEFAULT_HISTORY_CLEANUP_INTERVAL;

    /** Whether this master runs the background loops (cron firing, lease recovery, history clean-up). */
    private boolean background = true;

    /** Longest a node's poll is held open when nothing is due; a longer requested wait is cut to it. */
    private Duration maxPollWait = DEFAULT_MAX_POLL_WAIT;

    /**
     * Threads that look for work again for held polls once they are woken (a signal, a task falling
     * due, the end of the wait). A held poll itself holds no thread, so this does not bound how many
     * nodes a master holds; it bounds how many woken polls claim at once (each claim takes a
     * database connection).
     */
    @Min(1)
    private int pollThreads = DEFAULT_POLL_THREADS;

    /**
     * How often the heartbeats of nodes running nothing are written, together in one statement;
     * keep it well below {@link #nodeOfflineAfter}. Heartbeats that extend leases are written at once.
     */
    private Duration heartbeatFlushInterval = DEFAULT_HEARTBEAT_FLUSH_INTERVAL;

    /** Delay before the first automatic retry of a failed run; each further one doubles it. */
    private Duration retryBackoffBase = DEFAULT_RETRY_BACKOFF_BASE;

    /** Longest delay between automatic retries. */
    private Duration retryBackoffMax = DEFAULT_RETRY_BACKOFF_MAX;

    /**
     * A cron or fixed-rate fire that starts more than this after its slot (the system was down, the
     * group paused, no node free) stands for every slot missed until it started, so after downtime
     * a task fires once, not once per missed slot. Slots that fall due while a fire runs follow the
     * task's overlap policy instead.
     */
    private Duration cronMisfireThreshold = DEFAULT_CRON_MISFIRE_THRESHOLD;

    /**
     * Where the pending-task index lives: {@code memory} (default; one master only) or {@code redis}
     * (spring.data.redis.*, standalone, Sentinel or Cluster; several masters share it and wake each
     * other's polls through it).
     */
    private String index = "memory";

    /**
     * How often the index is checked (built? reachable? reconnected?) and rebuilt from the database
     * if needed; with Redis also the longest wait between attempts to reconnect to it.
     */
    private Duration indexCheckInterval = DEFAULT_INDEX_CHECK_INTERVAL;

    /** How often the index is rebuilt from the database even when it looks fine. */
    private Duration indexRebuildInterval = DEFAULT_INDEX_REBUILD_INTERVAL;

    /**
     * Which form of the batch statements to run: {@code auto} (the MariaDB 10.6+ forms, which read a
     * whole batch from one JSON parameter, where the server has them) or {@code portable} (the
     * statements every supported server runs, one bound parameter per row and column).
     */
    private SqlDialect sqlDialect = SqlDialect.AUTO;

    /** Longest a held poll trusts what it cached about its node; node changes also evict it at once. */
    private Duration nodeCacheTtl = DEFAULT_NODE_CACHE_TTL;

    /**
     * How often the per-group gauges (pending and running tasks, online nodes) are counted, with one
     * query per kind for every group at once. Scrapes read the last count, so scraping more often
     * costs the database nothing; each count reads the task claim index of every group.
     */
    private Duration metricsRefreshInterval = DEFAULT_METRICS_REFRESH_INTERVAL;

    /** Who may use the operators' API and the node API. */
    @Valid
    private final Security security = new Security();

    /** What is kept of the lines nodes ship as run logs. */
    @Valid
    private final RunLog runLog = new RunLog();

    /**
     * Run logs: each run keeps at most {@link #maxLines} lines and {@link #maxBytes} of text (UTF-8);
     * the line that would pass either is replaced by a marker line saying the cap was reached, and
     * later lines are dropped (counted in the run's {@code dropped}). Lines go with their run when
     * {@code run-retention} deletes it.
     */
    @Getter
    @Setter
    public static class RunLog {

        public static final int DEFAULT_MAX_LINES = 5_000;
        public static final DataSize DEFAULT_MAX_BYTES = DataSize.ofMegabytes(1);

        /** Most lines one run's log keeps, the cap marker included. */
        @Min(2)
        private int maxLines = DEFAULT_MAX_LINES;

        /** Most text one run's log keeps, in UTF-8 bytes (the cap marker comes on top). */
        private DataSize maxBytes = DEFAULT_MAX_BYTES;
    }

    /** Alarm delivery: how often, how hard, and how long to wait for a receiver. */
    private final Alarms alarms = new Alarms();

    /** Alarm delivery ({@code jm.job.master.alarms.*}); the rules themselves are data, set through the API. */
    @Getter
    @Setter
    public static class Alarms {

        public static final Duration DEFAULT_DISPATCH_INTERVAL = Duration.ofSeconds(1);
        public static final Duration DEFAULT_DETECT_INTERVAL = Duration.ofSeconds(5);
        public static final int DEFAULT_MAX_ATTEMPTS = 5;
        public static final Duration DEFAULT_RETRY_BACKOFF_BASE = Duration.ofSeconds(2);
        public static final Duration DEFAULT_RETRY_BACKOFF_MAX = Duration.ofMinutes(5);
        public static final int DEFAULT_SENDER_THREADS = 4;
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
        public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_SEND_LEASE = Duration.ofSeconds(60);
        public static final Duration DEFAULT_RULE_CACHE_TTL = Duration.ofSeconds(5);
        public static final Duration DEFAULT_DELIVERY_RETENTION = Duration.ofDays(30);

        /** Whether this master records and sends alarms at all (its loops and its listener). */
        private boolean enabled = true;

        /** Longest wait between looks for due deliveries; a new event wakes this master's dispatcher at once. */
        private Duration dispatchInterval = DEFAULT_DISPATCH_INTERVAL;

        /** How often late fires and groups without nodes are looked for. */
        private Duration detectInterval = DEFAULT_DETECT_INTERVAL;

        /** Attempts per delivery before it is recorded as FAILED. */
        @Min(1)
        @Max(100)
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

        /** Wait before the second attempt; it doubles with each further one. */
        private Duration retryBackoffBase = DEFAULT_RETRY_BACKOFF_BASE;

        /** Longest wait between two attempts. */
        private Duration retryBackoffMax = DEFAULT_RETRY_BACKOFF_MAX;

        /** Threads sending alarms; a slow receiver holds one of them, never a dispatch or finish thread. */
        @Min(1)
        @Max(64)
        private int senderThreads = DEFAULT_SENDER_THREADS;

        /** Longest wait to connect to a webhook or the SMTP server. */
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

        /** Longest wait for a webhook's answer (and an SMTP server's reads). */
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        /**
         * How long a claimed delivery is this master's to send; after it, another master sends it
         * again (this one died mid-send). Keep it well above the timeouts.
         */
        private Duration sendLease = DEFAULT_SEND_LEASE;

        /** How long this master trusts its copy of the enabled rules; its own changes refresh it at once. */
        private Duration ruleCacheTtl = DEFAULT_RULE_CACHE_TTL;

        /** The From address of alarm mails. */
        private String mailFrom = "jm-job@localhost";

        /**
         * How long finished deliveries (DELIVERED, FAILED, SILENCED) are kept; older ones are
         * deleted by the history loop, every {@code history-cleanup-interval}, as runs are after
         * {@code run-retention}. Deliveries still to be sent are never deleted.
         */
        private Duration deliveryRetention = DEFAULT_DELIVERY_RETENTION;
    }

    /** See {@link #sqlDialect}. */
    public enum SqlDialect {
        AUTO,
        PORTABLE
    }

    /** Who may use the operators' API and the node API. */
    @Getter
    @Setter
    public static class Security {

        /**
         * Operators and viewers signing in with HTTP Basic. Passwords are bcrypt hashes
         * ({@code {bcrypt}$2a$...} or {@code $2a$...}); plain text is refused at start.
         */
        private List<User> users = new ArrayList<>();

        /** Bearer tokens for automation ({@code Authorization: Bearer <token>}), each with a role. */
        private List<Token> tokens = new ArrayList<>();

        /**
         * The secret nodes send in {@code X-JmJob-Node-Token} (their {@code jm.job.client.token});
         * it lets a node join any group.
         */
        private String nodeToken;

        /**
         * Node tokens scoped to groups: a node presenting one may register only in the groups it
         * lists ({@code *} for all). Several may be valid at once, so a token can be rotated
         * without downtime; they are accepted beside {@link #nodeToken}.
         */
        private List<NodeToken> nodeTokens = new ArrayList<>();

        /**
         * Where the embedded demo writes the credentials it generates (only with the embedded H2
         * database and nothing configured), so the run script can hand them to the sample node.
         */
        private String demoCredentialsFile = "./data/demo-credentials.env";

        /**
         * Origins (scheme://host[:port]) besides the master's own from which browsers may change
         * state through {@code /api/**}, for example a console served from another host. A write
         * whose {@code Origin} is neither, or whose {@code Sec-Fetch-Site} is {@code cross-site}, is
         * refused with 403; clients that send neither header (curl, scripts) are not affected.
         */
        private List<String> allowedOrigins = new ArrayList<>();

        /** Back-off for failed HTTP Basic sign-ins, per user name and per client address. */
        @Valid
        private final LoginThrottle loginThrottle = new LoginThrottle();

        /** How long a verified HTTP Basic sign-in is trusted without checking its bcrypt hash again. */
        @Valid
        private final CredentialCache credentialCache = new CredentialCache();

        /** How long a sign-in to the web console lasts. */
        @Valid
        private final ConsoleSession consoleSession = new ConsoleSession();

        /**
         * AES keys that encrypt tasks' sensitive params at rest. Each has an id, stored with every
         * ciphertext it makes, so keys can rotate: add a new key, make it {@code params-key-id},
         * and keep the old ones as long as rows encrypted with them exist. With none, marking params
         * sensitive is refused.
         */
        private List<ParamsKey> paramsKeys = new ArrayList<>();

        /** Id of the key new sensitive params are encrypted with; default the first of {@code params-keys}. */
        private String paramsKeyId;

        /**
         * A bearer token that may read {@code /actuator/prometheus} and nothing else, for a
         * Prometheus server that should not hold operator credentials (at least 32 characters).
         * Unset: scraping needs an operator.
         */
        private String scrapeToken;
    }

    /** An AES key for sensitive params. */
    @Getter
    @Setter
    public static class ParamsKey {

        /** Short name stored with each ciphertext: letters, digits, '-' or '_', at most 32. */
        private String id;

        /** The key: 32 random bytes (AES-256), base64; e.g. {@code openssl rand -base64 32}. */
        private String key;
    }

    /**
     * Back-off for failed sign-ins. After the free failures, each further failure doubles the wait
     * before the next attempt (from {@code base-delay}), answered 429 with {@code Retry-After} until
     * then. Per user name the wait is capped short, so an attacker cannot lock a real user out for
     * long; per client address it grows long, which stops one guesser. A throttled attempt checks no
     * password and does not prolong the wait. Behind a proxy, set {@code
     * server.forward-headers-strategy} so the client address is the caller's, not the proxy's.
     */
    @Getter
    @Setter
    public static class LoginThrottle {

        public static final int DEFAULT_FREE_FAILURES_PER_USER = 5;
        public static final int DEFAULT_FREE_FAILURES_PER_ADDRESS = 20;
        public static final Duration DEFAULT_BASE_DELAY = Duration.ofSeconds(1);
        public static final Duration DEFAULT_MAX_DELAY_PER_USER = Duration.ofSeconds(30);
        public static final Duration DEFAULT_MAX_DELAY_PER_ADDRESS = Duration.ofMinutes(15);
        public static final Duration DEFAULT_FORGET_AFTER = Duration.ofMinutes(15);
        public static final int DEFAULT_MAX_TRACKED = 100_000;

        /** Failed sign-ins for one user name (from any address) before waits begin. */
        @Min(1)
        private int freeFailuresPerUser = DEFAULT_FREE_FAILURES_PER_USER;

        /** Failed sign-ins from one client address (for any user) before waits begin. */
        @Min(1)
        private int freeFailuresPerAddress = DEFAULT_FREE_FAILURES_PER_ADDRESS;

        /** Wait after the first failure beyond the free ones; it doubles with each further failure. */
        private Duration baseDelay = DEFAULT_BASE_DELAY;

        /** Longest wait for one user name: the most an attacker can lock a real user out after a failure. */
        private Duration maxDelayPerUser = DEFAULT_MAX_DELAY_PER_USER;

        /** Longest wait for one client address. */
        private Duration maxDelayPerAddress = DEFAULT_MAX_DELAY_PER_ADDRESS;

        /** Failures are forgotten after this long without one; a successful sign-in clears its user's. */
        private Duration forgetAfter = DEFAULT_FORGET_AFTER;

        /** Most user names and addresses tracked at once; past it, the longest quiet ones are dropped. */
        @Min(1)
        private int maxTracked = DEFAULT_MAX_TRACKED;
    }

    /**
     * Verified HTTP Basic sign-ins, remembered for a short time so that a client sending the same
     * name and password on every request (as HTTP Basic does) pays bcrypt once per {@code ttl}, not
     * per request. Entries are keyed by an HMAC of what was presented under a key drawn at each
     * start, so neither the password nor an unkeyed hash of it is held; only a successful check is
     * remembered. Users are read at start, so a changed password takes effect with a restart, which
     * begins with an empty cache.
     */
    @Getter
    @Setter
    public static class CredentialCache {

        public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
        public static final int DEFAULT_MAX_ENTRIES = 1_000;

        /** How long a verified sign-in is trusted; {@code 0} checks bcrypt on every request. */
        private Duration ttl = DEFAULT_TTL;

        /** Most sign-ins remembered at once; past it, the oldest is forgotten. */
        @Min(1)
        private int maxEntries = DEFAULT_MAX_ENTRIES;
    }

    /**
     * Sign-ins to the web console. Besides the idle timeout ({@code server.servlet.session.timeout},
     * which any request resets), a console session ends {@link #maxAge} after its sign-in however
     * active it is, so a stolen or forgotten session cookie is not good forever and a browser left
     * open on an auto-refreshing page asks for the password again at least that often. The API,
     * which keeps no sessions, is not affected.
     */
    @Getter
    @Setter
    public static class ConsoleSession {

        public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(12);

        /** Longest a console sign-in lasts, however active; {@code 0} leaves only the idle timeout. */
        private Duration maxAge = DEFAULT_MAX_AGE;
    }

    /** A node token scoped to groups. */
    @Getter
    @Setter
    public static class NodeToken {

        /** The secret (at least 32 characters). */
        private String token;

        /** Group names a node with this token may join; {@code *} for every group. */
        private List<String> groups = new ArrayList<>();
    }

    /** A user of the operators' API. */
    @Getter
    @Setter
    public static class User {

        /** Sign-in name. */
        private String name;

        /** bcrypt hash of the password. */
        private String password;

        /** VIEWER (reads) or OPERATOR (reads and writes). */
        private String role;
    }

    /** A bearer token of the operators' API. */
    @Getter
    @Setter
    public static class Token {

        /** Who the token stands for, as audit records show it. */
        private String name;

        /** The token itself; at least 32 characters. */
        private String token;

        /** VIEWER (reads) or OPERATOR (reads and writes). */
        private String role;
    }

    /** One read replica. */
    @Getter
    @Setter
    public static class Replica {

        /** JDBC URL of the replica. */
        private String url;

        /** User for the replica; plain SELECT grants are enough. */
        private String username;

        /** Password of that user. */
        private String password;
    }
}
