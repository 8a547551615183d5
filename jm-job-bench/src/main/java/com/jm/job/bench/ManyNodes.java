package com.jm.job.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * One master holding thousands of idle long-polling nodes ({@code --only=many-nodes}): the
 * operators' API latency with HTTP Basic (bcrypt cost 10, as a production user would have) on the
 * master with no node and then while it holds every node's poll, wake-up to claim latency (a task
 * created through the API, to its run arriving in a held poll's answer), and the master's heap,
 * threads and CPU. The nodes are {@link LightNodes} in one JVM.
 */
final class ManyNodes {

    static final String DATABASE = "jmjob_many_bench";
    static final String BEGIN = "<!-- bench-many-nodes:begin -->";
    static final String END = "<!-- bench-many-nodes:end -->";
    private static final String GROUP = "many";
    private static final String USER = "bench-operator";
    /** The client's defaults (jm.job.client.poll-wait and heartbeat-interval). */
    private static final Duration POLL_WAIT = Duration.ofSeconds(10);

    private static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final List<String> READS =
            List.of("/api/groups", "/api/groups/%d", "/api/tasks?size=20", "/api/nodes?size=20");
    private static final int API_ROUNDS = 150;

    private final BenchOptions options;
    private final Database database;
    private final Path logDir;
    private final MasterAccess access = new MasterAccess();
    private final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, Long> claims = new ConcurrentHashMap<>();
    private final Map<String, Boolean> ready = new ConcurrentHashMap<>();
    private volatile String lightStats = "";
    private final Random random = new Random(42);
    private final List<ChildJvm> processes = new ArrayList<>();
    private final List<Double> load = new CopyOnWriteArrayList<>();
    private long groupId;

    /** The master at one moment, from its Prometheus endpoint. */
    record Sample(double heapUsedMb, double heapCommittedMb, double liveThreads, double heldPolls) {}

    /**
     * One state of the master: API latencies by endpoint (and all together), its samples, its CPU.
     */
    record Phase(
            String label,
            Map<String, Results.Latency> byEndpoint,
            Results.Latency api,
            List<Sample> samples,
            double masterCpuMsPerMinute) {}

    record Outcome(
            int nodes,
            Phase empty,
            Phase held,
            Results.Latency wakeToClaim,
            Results.Latency sendToClaim,
            Results.Latency insertCalls,
            String lightStats,
            double nodesCpuMsPerMinute,
            double loadMin,
            double loadMean,
            double loadMax,
            String loadBefore,
            String loadAfter) {}

    ManyNodes(BenchOptions options, Database database, Path logDir) {
        this.options = options;
        this.database = database;
        this.logDir = logDir;
    }

    Outcome run() throws Exception {
        String loadBefore = Machine.loadAverage();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(
                () -> load.add(Double.parseDouble(Machine.loadAverage().split(" ")[0])), 0, 5, TimeUnit.SECONDS);
        database.recreate(DATABASE);
        try {
            ChildJvm master = startMaster();
            groupId = JmJobContender.id(access.post(url(), "/api/groups", "{\"name\":\"" + GROUP + "\"}"));
            // Warm-up, not measured: the first calls of every path load classes.
            measureApi(30);
            probe(20);
            Phase empty = phase("no node", master, () -> {});
            ChildJvm nodes = ChildJvm.start(
                    "light-nodes",
                    List.of("-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                    ChildJvm.mainClass(
                            IdleNodes.class,
                            List.of(
                                    "--light",
                                    String.valueOf(options.manyNodes()),
                                    url(),
                                    access.nodeToken,
                                    GROUP,
                                    "1",
                                    String.valueOf(POLL_WAIT.toMillis()),
                                    String.valueOf(HEARTBEAT.toMillis()))),
                    logDir,
                    this::accept);
            processes.add(nodes);
            Waits.until(
                    "the light nodes to poll",
                    Duration.ofMinutes(10),
                    () -> ready.containsKey("light-polling"),
                    this::checkAlive);
            // Every node has a poll held (apart from those between two polls at this moment).
            Waits.until(
                    options.manyNodes() + " held polls",
                    Duration.ofMinutes(2),
                    () -> sample().heldPolls() >= options.manyNodes() * 0.95,
                    this::checkAlive);
            long nodesCpu0 = nodes.cpuMillis();
            long started = System.nanoTime();
            List<Double> wake = new ArrayList<>();
            List<Double> fromSend = new ArrayList<>();
            List<Double> inserts = new ArrayList<>();
            int[] lost = new int[1];
            Phase held = phase(options.manyNodes() + " nodes, polls held", master, () -> {
                int samples = options.latencySamples();
                for (int i = 0; i < samples; i++) {
                    String name = "probe-" + i;
                    long sent = Micros.now();
                    HttpResponse<String> created = operator(
                            "POST",
                            "/api/tasks",
                            "{\"name\":\"" + name + "\",\"beanName\":\"benchJob\",\"groupId\":" + groupId + "}");
                    long returned = Micros.now();
                    if (created.statusCode() != 201) {
                        throw new IllegalStateException(
                                "POST /api/tasks answered " + created.statusCode() + ": " + created.body());
                    }
                    inserts.add((returned - sent) / 1000.0);
                    Long claimed = awaitClaim(name, 5_000);
                    if (claimed == null) {
                        lost[0]++;
                    } else {
                        wake.add((claimed - returned) / 1000.0);
                        fromSend.add((claimed - sent) / 1000.0);
                    }
                    Thread.sleep(30 + random.nextInt(100));
                }
            });
            double nodesCpu = (nodes.cpuMillis() - nodesCpu0) * 60e9 / (System.nanoTime() - started);
            return new Outcome(
                    options.manyNodes(),
                    empty,
                    held,
                    Results.Latency.of(wake, lost[0]),
                    Results.Latency.of(fromSend, lost[0]),
                    Results.Latency.of(inserts, 0),
                    lightStats,
                    nodesCpu,
                    Stats.min(load),
                    load.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
                    Stats.max(load),
                    loadBefore,
                    Machine.loadAverage());
        } finally {
            sampler.shutdownNow();
            for (int i = processes.size() - 1; i >= 0; i--) {
                processes.get(i).close();
            }
            if (!options.keepDatabases()) {
                database.drop(DATABASE);
            }
        }
    }

    interface Work {
        void run() throws Exception;
    }

    /** API rounds, then {@code more}, with the master sampled every 5 s and its CPU measured throughout. */
    private Phase phase(String label, ChildJvm master, Work more) throws Exception {
        System.out.printf("[bench] many-nodes: measuring %s%n", label);
        List<Sample> samples = new CopyOnWriteArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(
                () -> {
                    try {
                        samples.add(sample());
                    } catch (Exception e) {
                        System.out.println("[bench] many-nodes: sample failed: " + e);
                    }
                },
                0,
                5,
                TimeUnit.SECONDS);
        long cpu0 = master.cpuMillis();
        long started = System.nanoTime();
        try {
            Map<String, List<Double>> byEndpoint = measureApi(API_ROUNDS);
            more.run();
            double cpu = (master.cpuMillis() - cpu0) * 60e9 / (System.nanoTime() - started);
            Map<String, Results.Latency> latencies = new LinkedHashMap<>();
            List<Double> all = new ArrayList<>();
            byEndpoint.forEach((endpoint, millis) -> {
                latencies.put(endpoint, Results.Latency.of(millis, 0));
                all.addAll(millis);
            });
            Phase phase = new Phase(label, latencies, Results.Latency.of(all, 0), List.copyOf(samples), cpu);
            System.out.printf(
                    "[bench] many-nodes: %s: API p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d calls); samples %s; master CPU %.0f ms/min%n",
                    label,
                    phase.api().p50(),
                    phase.api().p99(),
                    phase.api().max(),
                    phase.api().samples(),
                    samples,
                    cpu);
            return phase;
        } finally {
            sampler.shutdownNow();
        }
    }

    /** {@code rounds} rounds of the read endpoints, each call timed with its sign-in, a pause between rounds. */
    private Map<String, List<Double>> measureApi(int rounds) throws Exception {
        Map<String, List<Double>> byEndpoint = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String endpoint : READS) {
                String path = endpoint.contains("%d") ? String.format(endpoint, groupId) : endpoint;
                long started = System.nanoTime();
                HttpResponse<String> answer = operator("GET", path, null);
                double millis = (System.nanoTime() - started) / 1e6;
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(
                            "GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
                }
                byEndpoint
                        .computeIfAbsent("GET " + endpoint.replace("%d", "{id}"), e -> new ArrayList<>())
                        .add(millis);
            }
            Thread.sleep(50 + random.nextInt(100));
        }
        return byEndpoint;
    }

    /** Unmeasured trigger-and-claim rounds (with no node yet they are only inserts). */
    private void probe(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            operator(
                    "POST",
                    "/api/tasks",
                    "{\"name\":\"warm-" + i + "\",\"beanName\":\"benchJob\",\"groupId\":" + groupId + "}");
        }
    }

    private Long awaitClaim(String name, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            Long claimed = claims.get(name);
            if (claimed != null) {
                return claimed;
            }
            Thread.sleep(1);
        }
        return null;
    }

    private void accept(String line) {
        String[] parts = line.split(" ");
        if (parts[0].equals("CLAIMED") && parts.length == 3) {
            claims.put(parts[1], Long.parseLong(parts[2]));
        } else if (parts[0].equals("READY") && parts.length == 2) {
            ready.put(parts[1], true);
        } else if (parts[0].equals("LIGHT")) {
            lightStats = line.substring("LIGHT ".length());
        }
    }

    /** Heap, live threads and held polls, read from the master's Prometheus endpoint. */
    private Sample sample() throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(url() + "/actuator/prometheus"))
                        .header("Authorization", "Bearer " + access.apiToken)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double heapUsed = 0;
        double heapCommitted = 0;
        double threads = Double.NaN;
        double held = Double.NaN;
        for (String line : answer.body().split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heapUsed += value;
            } else if (line.startsWith("jvm_memory_committed_bytes{") && line.contains("area=\"heap\"")) {
                heapCommitted += value;
            } else if (line.startsWith("jvm_threads_live_threads")) {
                threads = value;
            } else if (line.startsWith("jmjob_polls_held")) {
                held = value;
            }
        }
        return new Sample(heapUsed / 1024 / 1024, heapCommitted / 1024 / 1024, threads, held);
    }

    private HttpResponse<String> operator(String method, String path, String body) throws Exception {
        String basic = Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create(url() + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Basic " + basic)
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private ChildJvm startMaster() throws Exception {
        List<String> launch = access.masterLaunch(
                options,
                DATABASE,
                options.masterPort(),
                List.of(
                        "--jm.job.master.security.users[0].name=" + USER,
                        "--jm.job.master.security.users[0].password=" + new BCryptPasswordEncoder(10).encode(password),
                        "--jm.job.master.security.users[0].role=OPERATOR"));
        ChildJvm master = ChildJvm.start("master", List.of("-Xms256m", "-Xmx512m"), launch, logDir, line -> {});
        processes.add(master);
        Waits.until("the master to answer", Duration.ofSeconds(180), () -> access.answers(url()), this::checkAlive);
        return master;
    }

    private String url() {
        return "http://127.0.0.1:" + options.masterPort();
    }

    private void checkAlive() {
        ChildJvm.requireAlive(processes, logDir);
    }
}
