package com.jm.job.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The broadcast fan-out figure of the sharding issue ({@code --only=broadcast}): one master and
 * {@code --broadcast-nodes} (20) nodes, one broadcast task, fired again and again through {@code
 * POST /api/tasks/{id}/trigger}; per fire, from the trigger call's return to the start of the last
 * of the nodes' handlers (epoch microseconds printed by each node as its handler starts). One fire
 * at a time: the next is triggered once the previous has ended (a running task refuses a trigger)
 * and a random 30–130 ms gap has passed.
 *
 * <p>The nodes are {@link IdleNodes}: one JVM of 20 Spring Boot contexts of the benchmark's node
 * app, each with its own node client, registration, long poll and heartbeats, as 20 apps would
 * have; the master and the database see 20 nodes, the machine's CPU sees one JVM.
 */
final class BroadcastScenario {

    static final String BEGIN = "<!-- bench-broadcast:begin -->";
    static final String END = "<!-- bench-broadcast:end -->";
    static final String DATABASE = "jmjob_broadcast_bench";
    static final String TASK = ExecutionCounter.FAN_OUT_PREFIX + "out";

    private static final long FIRE_TIMEOUT_MS = 30_000;

    private final BenchOptions options;
    private final Database database;
    private final Path logDir;
    private final Random random = new Random(42);
    private JmJobContender jmJob;
    private long taskId;

    /**
     * One repetition's fires.
     *
     * @param last trigger call's return → last node's handler start, per fire
     * @param first trigger call's return → first node's handler start, per fire
     * @param call how long the trigger call took
     * @param verified {@code null} when every fire had exactly one SUCCEEDED run per node, else what is wrong
     * @param load load averages as the repetition started
     */
    record Repetition(
            int number,
            Results.Latency last,
            Results.Latency first,
            Results.Latency call,
            String verified,
            String load) {}

    BroadcastScenario(BenchOptions options, Database database, Path logDir) {
        this.options = options;
        this.database = database;
        this.logDir = logDir;
    }

    List<Repetition> run() throws Exception {
        jmJob = new JmJobContender(
                new JmJobContender.Setup("jm-job", DATABASE, options.masterPort(), List.of(), List.of(), 0),
                options,
                database,
                logDir);
        try {
            jmJob.start();
            jmJob.startFleet(options.broadcastNodes());
            // Without a schedule the task is pending at once: its first fire is the first warm-up fire.
            taskId = JmJobContender.id(jmJob.access()
                    .post(
                            jmJob.baseUrl(),
                            "/api/tasks",
                            "{\"name\":\"" + TASK + "\",\"beanName\":\"" + BenchNode.HANDLER + "\",\"groupId\":"
                                    + jmJob.groupId() + ",\"mode\":\"BROADCAST\"}"));
            awaitFireEnded();
            fires(options.broadcastWarmup());
            System.out.printf("[bench]   broadcast warm-up: %d fires%n", options.broadcastWarmup());
            List<Repetition> repetitions = new ArrayList<>();
            for (int n = 1; n <= options.repetitions(); n++) {
                String load = Machine.loadAverage();
                JmJobContender.Mark mark = jmJob.mark();
                Fires fires = fires(options.broadcastFires());
                Repetition r = new Repetition(
                        n,
                        Results.Latency.of(fires.last, fires.lost),
                        Results.Latency.of(fires.first, fires.lost),
                        Results.Latency.of(fires.call, 0),
                        verify(mark, options.broadcastFires()),
                        load);
                System.out.printf(
                        "[bench] broadcast repetition %d: last start p50 %.1f p95 %.1f p99 %.1f max %.1f ms, first start"
                                + " p50 %.1f ms, %d lost, load %s%s%n",
                        n,
                        r.last().p50(),
                        r.last().p95(),
                        r.last().p99(),
                        r.last().max(),
                        r.first().p50(),
                        r.last().lost(),
                        load,
                        r.verified() == null ? "" : " — " + r.verified());
                repetitions.add(r);
            }
            return repetitions;
        } finally {
            jmJob.close();
            if (!options.keepDatabases()) {
                database.drop(DATABASE);
            }
        }
    }

    private record Fires(List<Double> last, List<Double> first, List<Double> call, int lost) {}

    private Fires fires(int count) throws Exception {
        List<Double> last = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        List<Double> call = new ArrayList<>();
        int lost = 0;
        for (int i = 0; i < count; i++) {
            jmJob.events().forgetParts(TASK);
            long sent = Micros.now();
            jmJob.access().post(jmJob.baseUrl(), "/api/tasks/" + taskId + "/trigger", "{}");
            long returned = Micros.now();
            List<Long> starts = jmJob.events().awaitPartStarts(TASK, options.broadcastNodes(), FIRE_TIMEOUT_MS);
            if (starts == null) {
                lost++;
            } else {
                last.add((Collections.max(starts) - returned) / 1000.0);
                first.add((Collections.min(starts) - returned) / 1000.0);
                call.add((returned - sent) / 1000.0);
            }
            awaitFireEnded();
            Thread.sleep(30 + random.nextInt(100));
        }
        return new Fires(last, first, call, lost);
    }

    /** Until the task's fire has ended (the task is neither pending nor running). */
    private void awaitFireEnded() throws Exception {
        Connection connection = jmJob.benchConnection();
        Scenarios.awaitDone(
                "the broadcast fire",
                () -> Database.queryLong(connection, "SELECT status FROM jm_task WHERE id = " + taskId) == 0,
                Duration.ofMillis(FIRE_TIMEOUT_MS));
    }

    /** Every fire since {@code before}: a SUCCEEDED record and one SUCCEEDED run on each node. */
    private String verify(JmJobContender.Mark before, int fires) throws Exception {
        Connection connection = jmJob.benchConnection();
        int nodes = options.broadcastNodes();
        String runs = " FROM jm_task_run WHERE task_id = " + taskId + " AND id > " + before.lastRunId();
        long records = Database.queryLong(
                connection, "SELECT COUNT(*)" + runs + " AND fire_id IS NULL AND state = 'SUCCEEDED'");
        long complete = Database.queryLong(
                connection,
                "SELECT COUNT(*) FROM (SELECT fire_id, COUNT(*) AS n, COUNT(DISTINCT node_id) AS nodes,"
                        + " SUM(state = 'SUCCEEDED') AS ok" + runs + " AND fire_id IS NOT NULL GROUP BY fire_id) f"
                        + " WHERE n = " + nodes + " AND nodes = " + nodes + " AND ok = " + nodes);
        long all = Database.queryLong(connection, "SELECT COUNT(*)" + runs);
        long expected = (long) fires * (nodes + 1);
        if (records == fires && complete == fires && all == expected) {
            return null;
        }
        return "expected " + fires + " SUCCEEDED fires of one SUCCEEDED run per node; found " + records
                + " SUCCEEDED records, " + complete + " complete fires, " + all + " runs (expected " + expected + ")";
    }
}
