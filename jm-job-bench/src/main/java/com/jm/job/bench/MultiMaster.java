package com.jm.job.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Redis issue's targets, with two masters on one database and one Redis ({@code --only=multi}):
 *
 * <ol>
 *   <li>idle cost: statements per minute while {@code idleNodes} nodes long-poll and nothing is due,
 *       minus what the two masters cost with no node at all (their lease checks, planning, index
 *       checks), against a plain polling loop ({@code idleNodes} connections each running the
 *       typical "what is due" SELECT once per second) measured the same way;
 *   <li>dispatch latency: two nodes (each listing a different master first), single tasks
 *       triggered through the REST API alternately on each master, from the call's return to the
 *       handler's start in the node's JVM.
 * </ol>
 */
final class MultiMaster {

    static final String DATABASE = "jmjob_multi_bench";
    private static final String GROUP = "bench";
    /** The naive poller's query: what a scheduler without a pending index asks every second. */
    static final String NAIVE_POLL = "SELECT id FROM jm_task WHERE group_id = ? AND status = 1 AND disable = 0"
            + " AND next_fire_time <= NOW(3) ORDER BY next_fire_time LIMIT 10";

    private final BenchOptions options;
    private final Database database;
    private final Path logDir;
    private final HandlerEvents events = new HandlerEvents();
    private final List<ChildJvm> processes = new ArrayList<>();
    private final MasterAccess access = new MasterAccess();
    private final Random random = new Random(42);
    private Connection connection;
    private long groupId;

    /** Statements per minute of one idle window, and CPU ms per minute of the processes running. */
    record Window(
            String label,
            double seconds,
            Map<String, Double> perMinute,
            Map<String, Double> medianPerMinute,
            Map<String, Double> cpuPerMinute) {}

    /** The idle windows are read in slices this long. */
    static final int SLICE_SECONDS = 5;

    record Outcome(
            Window mastersOnly,
            Window jmJobIdle,
            Window naiveLoop,
            int idleNodes,
            Results.Latency latency,
            String redis,
            String loadBefore,
            String loadAfter) {}

    MultiMaster(BenchOptions options, Database database, Path logDir) {
        this.options = options;
        this.database = database;
        this.logDir = logDir;
    }

    Outcome run() throws Exception {
        String loadBefore = Machine.loadAverage();
        flushRedis();
        database.recreate(DATABASE);
        try {
            // One after the other: the first creates the schema.
            startMaster("master-a", options.masterPort());
            startMaster("master-b", options.masterPort() + 1);
            groupId = JmJobContender.id(access.post(url(0), "/api/groups", "{\"name\":\"" + GROUP + "\"}"));
            connection = database.connect(DATABASE);

            Window mastersOnly = window("two masters, no node", List.of());
            ChildJvm idle = ChildJvm.start(
                    "idle-nodes",
                    List.of("-Xms128m", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                    ChildJvm.mainClass(
                            IdleNodes.class,
                            List.of(
                                    String.valueOf(options.idleNodes()),
                                    "idle-",
                                    access.nodeToken,
                                    GROUP,
                                    url(0),
                                    url(1))),
                    logDir,
                    events::accept);
            processes.add(idle);
            awaitNodes(options.idleNodes());
            Thread.sleep(5_000); // registrations and first polls settle
            Window jmJobIdle = window("jm-job, " + options.idleNodes() + " idle nodes", List.of(idle));
            processes.remove(idle);
            idle.close();
            awaitNodes(0);
            Window naive = naiveLoop();
            System.out.printf(
                    "[bench] multi idle: per minute (masters subtracted): jm-job Com_select %.0f, naive loop %.0f%n",
                    jmJobIdle.perMinute().get("Com_select")
                            - mastersOnly.perMinute().get("Com_select"),
                    naive.perMinute().get("Com_select")
                            - mastersOnly.perMinute().get("Com_select"));

            startLatencyNodes();
            Results.Latency latency = latency();
            System.out.printf(
                    "[bench] multi latency: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples, %d lost)%n",
                    latency.p50(), latency.p95(), latency.p99(), latency.max(), latency.samples(), latency.lost());
            return new Outcome(
                    mastersOnly,
                    jmJobIdle,
                    naive,
                    options.idleNodes(),
                    latency,
                    options.redis() + " database " + options.redisDatabase(),
                    loadBefore,
                    Machine.loadAverage());
        } finally {
            close();
            if (!options.keepDatabases()) {
                database.drop(DATABASE);
            }
        }
    }

    /** Counters over the idle window with what runs now; CPU of the given processes and the masters. */
    private Window window(String label, List<ChildJvm> extra) throws Exception {
        System.out.printf(
                "[bench] multi: measuring %s for %d s%n",
                label, options.multiIdleWindow().toSeconds());
        List<ChildJvm> measured = new ArrayList<>(processes.subList(0, 2));
        measured.addAll(extra);
        Map<String, Long> cpu0 = new LinkedHashMap<>();
        measured.forEach(p -> cpu0.put(p.name(), p.cpuMillis()));
        long db0 = CpuTime.databaseMillis();
        List<ServerCounters> slices = slices();
        return finish(label, slices, measured, cpu0, db0);
    }

    private Window finish(
            String label, List<ServerCounters> slices, List<ChildJvm> measured, Map<String, Long> cpu0, long db0) {
        double seconds = (slices.get(slices.size() - 1).nanos() - slices.get(0).nanos()) / 1e9;
        Map<String, Double> perMinute = slices.get(0).systemDeltaPer(slices.get(slices.size() - 1), seconds / 60);
        // Other clients of a shared server come in bursts: the median slice leaves them out.
        Map<String, List<Double>> bySlice = new LinkedHashMap<>();
        for (int i = 1; i < slices.size(); i++) {
            double sliceSeconds = (slices.get(i).nanos() - slices.get(i - 1).nanos()) / 1e9;
            slices.get(i - 1)
                    .systemDeltaPer(slices.get(i), sliceSeconds / 60)
                    .forEach((name, perMinuteInSlice) -> bySlice.computeIfAbsent(name, n -> new ArrayList<>())
                            .add(perMinuteInSlice));
        }
        Map<String, Double> median = new LinkedHashMap<>();
        bySlice.forEach((name, values) -> median.put(name, Stats.median(values)));
        Map<String, Double> cpu = new LinkedHashMap<>();
        measured.forEach(p -> cpu.put(p.name(), (p.cpuMillis() - cpu0.get(p.name())) * 60 / seconds));
        cpu.put("database", (CpuTime.databaseMillis() - db0) * 60 / seconds);
        Window window = new Window(label, seconds, perMinute, median, cpu);
        System.out.printf(
                "[bench] multi: %s: per minute %s; median %d-s slice %s; CPU ms per minute %s%n",
                label, perMinute, SLICE_SECONDS, median, cpu);
        return window;
    }

    /** {@code idleNodes} connections, each running the naive poll once per second, masters still up. */
    private Window naiveLoop() throws Exception {
        String label = "plain polling loop, " + options.idleNodes() + " pollers at 1/s";
        System.out.printf(
                "[bench] multi: measuring %s for %d s%n",
                label, options.multiIdleWindow().toSeconds());
        List<Connection> pollers = new ArrayList<>();
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(options.idleNodes());
        AtomicLong failures = new AtomicLong();
        try {
            for (int i = 0; i < options.idleNodes(); i++) {
                Connection poller = database.connect(DATABASE);
                pollers.add(poller);
                PreparedStatement statement = poller.prepareStatement(NAIVE_POLL);
                statement.setLong(1, groupId);
                // Spread over the second, as independent processes would be.
                executor.scheduleAtFixedRate(
                        () -> {
                            try (ResultSet rows = statement.executeQuery()) {
                                while (rows.next()) {
                                    rows.getLong(1);
                                }
                            } catch (SQLException e) {
                                failures.incrementAndGet();
                            }
                        },
                        1_000 + i * 1_000L / options.idleNodes(),
                        1_000,
                        TimeUnit.MILLISECONDS);
            }
            Thread.sleep(1_500); // every poller has started
            List<ChildJvm> measured = new ArrayList<>(processes.subList(0, 2));
            Map<String, Long> cpu0 = new LinkedHashMap<>();
            measured.forEach(p -> cpu0.put(p.name(), p.cpuMillis()));
            long db0 = CpuTime.databaseMillis();
            List<ServerCounters> slices = slices();
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " naive polls failed");
            }
            return finish(label, slices, measured, cpu0, db0);
        } finally {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
            for (Connection poller : pollers) {
                poller.close();
            }
        }
    }

    /** Counters at the start of the idle window and after every slice of it. */
    private List<ServerCounters> slices() throws Exception {
        List<ServerCounters> slices = new ArrayList<>();
        slices.add(ServerCounters.read(connection));
        long start = System.nanoTime();
        long windowNanos = options.multiIdleWindow().toNanos();
        for (int i = 1; i * SLICE_SECONDS * 1_000_000_000L <= windowNanos; i++) {
            long wait = start + i * SLICE_SECONDS * 1_000_000_000L - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            slices.add(ServerCounters.read(connection));
        }
        return slices;
    }

    private void startLatencyNodes() throws Exception {
        for (int i = 1; i <= 2; i++) {
            String instance = "node-" + i;
            String masters = i == 1 ? url(0) + "," + url(1) : url(1) + "," + url(0);
            List<String> args = new ArrayList<>(List.of(
                    "--jm.job.client.master-url=" + masters,
                    "--jm.job.client.token=" + access.nodeToken,
                    "--jm.job.client.group=" + GROUP,
                    "--jm.job.client.instance=" + instance,
                    "--jm.job.client.worker-threads=" + options.nodeThreads(),
                    "--spring.main.banner-mode=off",
                    "--logging.level.root=WARN"));
            args.addAll(options.nodeArgs());
            processes.add(ChildJvm.start(
                    instance,
                    List.of("-Xms128m", "-Xmx512m"),
                    ChildJvm.mainClass(BenchNode.class, args),
                    logDir,
                    events::accept));
        }
        awaitNodes(2);
        Thread.sleep(3_000);
        // Warm-up, not measured: the first requests on every path load classes.
        for (int i = 0; i < 40; i++) {
            trigger(i % 2, ExecutionCounter.PROBE_PREFIX + "warm-" + i);
            events.awaitStart(ExecutionCounter.PROBE_PREFIX + "warm-" + i, 5_000);
        }
    }

    /** One trigger at a time, alternating masters, each waiting for the previous handler to start. */
    private Results.Latency latency() throws Exception {
        List<Double> millis = new ArrayList<>();
        int lost = 0;
        for (int i = 0; i < options.latencySamples(); i++) {
            String id = ExecutionCounter.PROBE_PREFIX + i;
            trigger(i % 2, id);
            long returned = Micros.now();
            long started = events.awaitStart(id, 5_000);
            if (started < 0) {
                lost++;
            } else {
                millis.add((started - returned) / 1000.0);
            }
            Thread.sleep(30 + random.nextInt(100));
        }
        return Results.Latency.of(millis, lost);
    }

    private void trigger(int master, String name) throws Exception {
        access.post(
                url(master),
                "/api/tasks",
                "{\"name\":\"" + name + "\",\"beanName\":\"" + BenchNode.HANDLER + "\",\"groupId\":" + groupId + "}");
    }

    private void startMaster(String name, int port) throws Exception {
        List<String> launch = access.masterLaunch(
                options,
                DATABASE,
                port,
                List.of(
                        "--jm.job.master.index=redis",
                        "--spring.data.redis.host=" + redisHost(),
                        "--spring.data.redis.port=" + redisPort(),
                        "--spring.data.redis.database=" + options.redisDatabase()));
        processes.add(ChildJvm.start(name, List.of("-Xms256m", "-Xmx512m"), launch, logDir, line -> {}));
        Waits.until(
                name + " to answer",
                Duration.ofSeconds(180),
                () -> access.answers("http://127.0.0.1:" + port),
                this::checkAlive);
    }

    private void awaitNodes(int count) throws Exception {
        Waits.until(
                count + " registered nodes",
                Duration.ofSeconds(180),
                () -> Database.queryLong(connection, "SELECT COUNT(*) FROM jm_node WHERE stopped_at IS NULL") == count,
                this::checkAlive);
    }

    private String url(int master) {
        return "http://127.0.0.1:" + (options.masterPort() + master);
    }

    private String redisHost() {
        return options.redis().substring(0, options.redis().lastIndexOf(':'));
    }

    private int redisPort() {
        return Integer.parseInt(options.redis().substring(options.redis().lastIndexOf(':') + 1));
    }

    /** SELECT and FLUSHDB in plain RESP: the benchmark needs no Redis client for two commands. */
    private void flushRedis() throws IOException {
        try (Socket socket = new Socket(redisHost(), redisPort())) {
            socket.setSoTimeout(5_000);
            String db = String.valueOf(options.redisDatabase());
            String commands = "*2\r\n$6\r\nSELECT\r\n$" + db.length() + "\r\n" + db + "\r\n*1\r\n$7\r\nFLUSHDB\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(commands.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            for (int replies = 0; replies < 2; ) {
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = in.read()) != '\n') {
                    if (c < 0) {
                        throw new IOException("Redis closed the connection");
                    }
                    line.append((char) c);
                }
                if (!line.toString().startsWith("+OK")) {
                    throw new IOException("Redis answered " + line.toString().trim());
                }
                replies++;
            }
        }
    }

    private void checkAlive() {
        ChildJvm.requireAlive(processes, logDir);
    }

    private void close() throws SQLException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        processes.clear();
        if (connection != null) {
            connection.close();
        }
    }
}
