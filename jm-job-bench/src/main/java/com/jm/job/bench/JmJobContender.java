package com.jm.job.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * jm-job as operators run it: the master (its repackaged jar) and {@code nodes} worker apps built
 * with the starter, each its own JVM, on database {@code jmjob_bench}. Tasks are triggered through
 * the master's REST API. A {@link Setup} names another database, port and arguments, so several
 * configurations can run side by side (the observability scenario).
 */
final class JmJobContender extends ContenderBase {

    static final String DATABASE = "jmjob_bench";
    private static final String GROUP = "bench";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    /** The API caps a task's shards (the 1–10,000). */
    static final int MAX_SHARDS = 10_000;

    private final MasterAccess access = new MasterAccess();
    private final List<ChildJvm> processes = new ArrayList<>();
    private final Setup setup;
    private long groupId;

    /**
     * One configuration of jm-job.
     *
     * @param name its name in tables and process names
     * @param database its database (recreated at start)
     * @param port its master's HTTP port
     * @param masterArgs master arguments on top of the benchmark's
     * @param nodeArgs node arguments on top of the benchmark's
     * @param nodes node JVMs to start (more can join as a fleet, {@link #startFleet})
     */
    record Setup(String name, String database, int port, List<String> masterArgs, List<String> nodeArgs, int nodes) {}

    JmJobContender(BenchOptions options, Database database, Path logDir) {
        this(
                new Setup("jm-job", DATABASE, options.masterPort(), List.of(), List.of(), options.nodes()),
                options,
                database,
                logDir);
    }

    JmJobContender(Setup setup, BenchOptions options, Database database, Path logDir) {
        super(setup.name(), setup.database(), options, database, logDir);
        this.setup = setup;
    }

    @Override
    public void start() throws Exception {
        database.recreate(setup.database());
        String master = process("master");
        processes.add(ChildJvm.start(master, jvmOptions(master), masterLaunch(), logDir, line -> {}));
        awaitMaster();
        groupId = id(access.post(baseUrl(), "/api/groups", "{\"name\":\"" + GROUP + "\"}"));
        connection = database.connect(setup.database());
        for (int i = 1; i <= setup.nodes(); i++) {
            String instance = process("node-" + i);
            List<String> args = new ArrayList<>(List.of(
                    "--jm.job.client.master-url=" + baseUrl(),
                    "--jm.job.client.token=" + access.nodeToken,
                    "--jm.job.client.group=" + GROUP,
                    "--jm.job.client.instance=" + instance,
                    "--jm.job.client.worker-threads=" + options.nodeThreads(),
                    "--jm.job.client.prefetch=" + options.nodePrefetch(),
                    "--spring.main.banner-mode=off",
                    "--logging.level.root=WARN"));
            args.addAll(options.nodeArgs());
            args.addAll(setup.nodeArgs());
            processes.add(ChildJvm.start(
                    instance, jvmOptions(instance), ChildJvm.mainClass(BenchNode.class, args), logDir, events::accept));
        }
        Waits.until(
                "jm-job nodes registered",
                Duration.ofSeconds(120),
                () -> Database.queryLong(connection, "SELECT COUNT(*) FROM jm_node WHERE stopped_at IS NULL")
                        >= setup.nodes(),
                this::checkAlive);
    }

    /**
     * Starts {@code count} more nodes as one JVM of Spring contexts ({@link IdleNodes}, instances
     * {@code fleet-1…}, 2 worker threads each, full JIT) and waits until all have registered and
     * heartbeated, so a broadcast fire counts them as online.
     */
    void startFleet(int count) throws Exception {
        String name = process("fleet");
        processes.add(ChildJvm.start(
                name,
                List.of("-Xms256m", "-Xmx1g"),
                ChildJvm.mainClass(
                        IdleNodes.class, List.of(String.valueOf(count), "fleet-", access.nodeToken, GROUP, baseUrl())),
                logDir,
                events::accept));
        Waits.until(
                count + " fleet nodes online",
                Duration.ofSeconds(300),
                () -> Database.queryLong(
                                connection,
                                "SELECT COUNT(*) FROM jm_node WHERE stopped_at IS NULL AND last_heartbeat_at IS NOT NULL")
                        >= setup.nodes() + count,
                this::checkAlive);
    }

    /** Lines in the run logs of runs after {@code before}. */
    long runLogLinesSince(Mark before) throws Exception {
        return Database.queryLong(connection, "SELECT COUNT(*) FROM jm_run_log WHERE run_id > " + before.lastRunId());
    }

    /**
     * Runs after {@code before} that have a line in their run log: what a window with run logs
     * waits for (a line stored twice, by a resent batch, must not end it early).
     */
    long runsWithLogSince(Mark before) throws Exception {
        return Database.queryLong(
                connection, "SELECT COUNT(DISTINCT run_id) FROM jm_run_log WHERE run_id > " + before.lastRunId());
    }

    /**
     * The master's {@code jmjob_runs_finished_total} summed over its series, from {@code
     * /actuator/prometheus}; -1 when it exports none (its meters are switched off).
     */
    double runsFinishedMetric() throws Exception {
        double sum = -1;
        for (String line : access.get(baseUrl(), "/actuator/prometheus").split("\n")) {
            if (line.startsWith("jmjob_runs_finished_total{")) {
                sum = Math.max(sum, 0) + Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    @Override
    public void submitDue(int count, String prefix) throws Exception {
        inOneTransaction(() -> Database.insertRows(
                connection,
                "INSERT INTO jm_task (name, bean_name, status, disable, retry, group_id, next_fire_time,"
                        + " pending_cause, max_retries, attempt, version, created_at, updated_at) VALUES",
                count - 1,
                i -> "('" + prefix + i + "','" + BenchNode.HANDLER + "',1,0,0," + groupId
                        + ",NOW(3),'INSERT',0,0,0,NOW(3),NOW(3))"));
        // Rows written straight to the table bypass the master's pending index: have it rebuilt
        // (as an operator would after editing the table), then the last one through the API, whose
        // insert wakes the nodes' waiting polls, as any insert does.
        access.post(baseUrl(), "/api/index/rebuild", "");
        trigger(prefix + (count - 1));
    }

    /**
     * Makes {@code tasks} sharded tasks of {@code shards} shards each due now, through the path a
     * user takes: {@code POST /api/tasks} with {@code "shards"} (a task without a schedule is pending
     * at once); the claim that locks each starts its fire and writes its unit rows. Beyond the API's
     * cap of {@value #MAX_SHARDS} the task rows are written as the API writes them, with the shard
     * count the API would refuse, the index rebuilt, and one one-shot task created through the API
     * wakes the waiting polls (one execution more; see {@link #wakeUpName}).
     */
    void submitSharded(int tasks, int shards, String prefix) throws Exception {
        if (shards <= MAX_SHARDS) {
            for (int i = 0; i < tasks; i++) {
                access.post(
                        baseUrl(),
                        "/api/tasks",
                        "{\"name\":\"" + prefix + i + "\",\"beanName\":\"" + BenchNode.HANDLER + "\",\"groupId\":"
                                + groupId + ",\"shards\":" + shards + "}");
            }
            return;
        }
        inOneTransaction(() -> Database.insertRows(
                connection,
                "INSERT INTO jm_task (name, bean_name, status, disable, retry, group_id, next_fire_time,"
                        + " pending_cause, max_retries, attempt, version, created_at, updated_at, shards) VALUES",
                tasks,
                i -> "('" + prefix + i + "','" + BenchNode.HANDLER + "',1,0,0," + groupId
                        + ",NOW(3),'INSERT',0,0,0,NOW(3),NOW(3)," + shards + ")"));
        access.post(baseUrl(), "/api/index/rebuild", "");
        trigger(wakeUpName(prefix));
    }

    /** The one-shot task that wakes the polls after sharded tasks were written to the table. */
    static String wakeUpName(String prefix) {
        return prefix + "wake";
    }

    /**
     * Checks one window's work by its tasks' name prefix: one-shot tasks each one SUCCEEDED run;
     * sharded tasks each a SUCCEEDED fire record and every shard index once, SUCCEEDED, no unit
     * row left; nothing in another state; the handlers counted by the nodes grew by
     * {@code executions} since {@code before}. What is wrong, or {@code null}.
     */
    String verifyRound(String prefix, int tasks, int shards, Mark before, int executions) throws Exception {
        String like = "t.name LIKE '" + prefix + "%' AND t.name <> '" + wakeUpName(prefix) + "'";
        // Runs of this window only, by the run ids it added (the primary key, so the check stays
        // quick on a history of a million runs).
        String from = " FROM jm_task_run r JOIN jm_task t ON t.id = r.task_id WHERE r.id > " + before.lastRunId()
                + " AND " + like;
        long notSucceeded = Database.queryLong(connection, "SELECT COUNT(*)" + from + " AND r.state <> 'SUCCEEDED'");
        String problem = notSucceeded == 0 ? "" : notSucceeded + " runs not SUCCEEDED; ";
        if (shards <= 1) {
            long succeeded = Database.queryLong(connection, "SELECT COUNT(DISTINCT r.task_id)" + from);
            long runs = Database.queryLong(connection, "SELECT COUNT(*)" + from);
            if (succeeded != tasks || runs != tasks) {
                problem += "expected " + tasks + " tasks with one run each; found " + runs + " runs of " + succeeded
                        + " tasks; ";
            }
        } else {
            long records = Database.queryLong(connection, "SELECT COUNT(*)" + from + " AND r.fire_id IS NULL");
            long unitRuns = Database.queryLong(connection, "SELECT COUNT(*)" + from + " AND r.fire_id IS NOT NULL");
            long distinct = Database.queryLong(
                    connection,
                    "SELECT COUNT(DISTINCT r.fire_id, r.shard_index)" + from + " AND r.fire_id IS NOT NULL");
            long units = Database.queryLong(
                    connection, "SELECT COUNT(*) FROM jm_task t WHERE " + like + " AND t.unit_of IS NOT NULL");
            long expected = (long) tasks * shards;
            if (records != tasks || unitRuns != expected || distinct != expected || units != 0) {
                problem += "expected " + tasks + " fire records and " + expected + " shard runs, each shard once;"
                        + " found " + records + " records, " + unitRuns + " shard runs (" + distinct
                        + " distinct), " + units + " unit rows left; ";
            }
        }
        events.awaitExecuted(before.executed() + executions, 5_000);
        long executed = events.executed() - before.executed();
        if (executed != executions) {
            problem += executed + " handler calls for " + executions + " executions; ";
        }
        return problem.isEmpty() ? null : problem.trim();
    }

    /** Where the history and the handler counts stood before a window. */
    record Mark(long lastRunId, long executed) {}

    /** Marks where things stand now, before a window; see {@link #verifyRound}. */
    Mark mark() throws Exception {
        return new Mark(
                Database.queryLong(connection, "SELECT COALESCE(MAX(id), 0) FROM jm_task_run"), events.executed());
    }

    @Override
    public List<ChildJvm> jvms() {
        return List.copyOf(processes);
    }

    @Override
    public long unfinished() throws Exception {
        return Database.queryLong(
                connection, "SELECT COUNT(*) FROM jm_task WHERE group_id = " + groupId + " AND status IN (1, 2)");
    }

    @Override
    public boolean anyUnfinished() throws Exception {
        return Database.queryLong(
                        connection,
                        "SELECT EXISTS (SELECT 1 FROM jm_task WHERE group_id = " + groupId + " AND status IN (1, 2))")
                > 0;
    }

    @Override
    public void trigger(String id) throws Exception {
        access.post(
                baseUrl(),
                "/api/tasks",
                "{\"name\":\"" + id + "\",\"beanName\":\"" + BenchNode.HANDLER + "\",\"groupId\":" + groupId + "}");
    }

    @Override
    public String verify(long expected) throws Exception {
        long succeeded = Database.queryLong(connection, "SELECT COUNT(*) FROM jm_task_run WHERE state = 'SUCCEEDED'");
        long otherRuns = Database.queryLong(connection, "SELECT COUNT(*) FROM jm_task_run WHERE state <> 'SUCCEEDED'");
        long withoutRun = Database.queryLong(
                connection,
                "SELECT COUNT(*) FROM jm_task t WHERE NOT EXISTS"
                        + " (SELECT 1 FROM jm_task_run r WHERE r.task_id = t.id AND r.state = 'SUCCEEDED')");
        events.awaitExecuted(expected, 5_000);
        long executed = events.executed();
        if (succeeded == expected && otherRuns == 0 && withoutRun == 0 && executed == expected) {
            return null;
        }
        return "expected " + expected + " SUCCEEDED runs; found " + succeeded + ", " + otherRuns
                + " runs in other states, " + withoutRun + " tasks without a SUCCEEDED run, " + executed
                + " handler calls";
    }

    @Override
    public void close() throws Exception {
        // Nodes first, so they deregister while the master still answers.
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        processes.clear();
        closeConnection();
    }

    private List<String> masterLaunch() {
        List<String> launch = new ArrayList<>(List.of(
                "-jar",
                options.masterJar().toString(),
                "--server.port=" + setup.port(),
                "--spring.datasource.url=" + options.jdbcUrl(setup.database()),
                "--spring.datasource.username=" + options.dbUser(),
                "--spring.datasource.password=" + options.dbPassword(),
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        launch.addAll(access.masterArgs());
        launch.addAll(options.masterArgs());
        launch.addAll(setup.masterArgs());
        return launch;
    }

    private List<String> jvmOptions(String process) {
        List<String> jvm = new ArrayList<>(List.of("-Xms256m", "-Xmx1g"));
        if (options.jfr()) {
            jvm.add("-XX:StartFlightRecording=filename=" + logDir.resolve(process + ".jfr") + ",settings="
                    + options.jfrSettings());
        }
        return jvm;
    }

    private void awaitMaster() throws Exception {
        Waits.until(
                "the jm-job master to answer",
                Duration.ofSeconds(180),
                () -> access.answers(baseUrl()),
                this::checkAlive);
    }

    static long id(String body) {
        Matcher matcher = ID.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return Long.parseLong(matcher.group(1));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + setup.port();
    }

    MasterAccess access() {
        return access;
    }

    long groupId() {
        return groupId;
    }

    /** The default configuration's processes keep their names ({@code master}, {@code node-1}). */
    private String process(String role) {
        return setup.name().equals("jm-job") ? role : setup.name() + "-" + role;
    }

    private void checkAlive() {
        ChildJvm.requireAlive(processes, logDir);
    }
}
