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
 * the master's REST API.
 */
final class JmJobContender extends ContenderBase {

    static final String DATABASE = "jmjob_bench";
    private static final String GROUP = "bench";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private final MasterAccess access = new MasterAccess();
    private final List<ChildJvm> processes = new ArrayList<>();
    private long groupId;

    JmJobContender(BenchOptions options, Database database, Path logDir) {
        super("jm-job", DATABASE, options, database, logDir);
    }

    @Override
    public void start() throws Exception {
        database.recreate(DATABASE);
        processes.add(ChildJvm.start("master", jvmOptions("master"), masterLaunch(), logDir, line -> {}));
        awaitMaster();
        groupId = id(access.post(baseUrl(), "/api/groups", "{\"name\":\"" + GROUP + "\"}"));
        connection = database.connect(DATABASE);
        for (int i = 1; i <= options.nodes(); i++) {
            String instance = "node-" + i;
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
            processes.add(ChildJvm.start(
                    instance, jvmOptions(instance), ChildJvm.mainClass(BenchNode.class, args), logDir, events::accept));
        }
        Waits.until(
                "jm-job nodes registered",
                Duration.ofSeconds(120),
                () -> Database.queryLong(connection, "SELECT COUNT(*) FROM jm_node WHERE stopped_at IS NULL")
                        >= options.nodes(),
                this::checkAlive);
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
        return access.masterLaunch(options, DATABASE, options.masterPort(), List.of());
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

    private String baseUrl() {
        return "http://127.0.0.1:" + options.masterPort();
    }

    private void checkAlive() {
        ChildJvm.requireAlive(processes, logDir);
    }
}
