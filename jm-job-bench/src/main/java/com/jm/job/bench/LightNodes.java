package com.jm.job.bench;

import com.jm.job.common.protocol.FinishRequest;
import com.jm.job.common.protocol.HeartbeatRequest;
import com.jm.job.common.protocol.NodeApi;
import com.jm.job.common.protocol.PollRequest;
import com.jm.job.common.protocol.PollResponse;
import com.jm.job.common.protocol.RegisterRequest;
import com.jm.job.common.protocol.RegisterResponse;
import com.jm.job.common.protocol.RunOutcome;
import com.jm.job.common.protocol.RunResult;
import com.jm.job.common.protocol.TaskAssignment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;

/**
 * Thousands of simulated nodes in one JVM that speak the node protocol as a real node does
 * (register, long poll, heartbeat, finish), but with no Spring context, worker pool or handler
 * each: a node is a session, one poll in flight at a time and a heartbeat timer, over one shared
 * HTTP client that keeps a connection per held poll. What the master sees is what it would see
 * from that many real nodes; the JVM stays small enough to share two cores with the master.
 *
 * <p>A claimed run is reported {@code CLAIMED <task name> <epoch micros>} the moment its poll
 * answer arrives, then finished as succeeded at once; every 5 s {@code LIGHT <polls> <answered
 * with work> <errors> <in flight>} sums up. Started by {@link IdleNodes} with {@code --light}.
 */
final class LightNodes {

    private final String master;
    private final String token;
    private final Duration pollWait;
    private final Duration heartbeat;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "light-nodes-timer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();

    private record Node(long id, String session) {}

    LightNodes(String master, String token, Duration pollWait, Duration heartbeat) {
        this.master = master;
        this.token = token;
        this.pollWait = pollWait;
        this.heartbeat = heartbeat;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "light-nodes-http");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    /**
     * Registers {@code count} nodes (node {@code i} in group {@code <group>-(i % groups)}), then
     * starts their polls and heartbeats, a few at a time so that the master's accept queue is not
     * flooded with thousands of new connections at once.
     */
    void run(int count, String group, int groups) throws Exception {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String groupName = groups == 1 ? group : group + "-" + (i % groups);
            RegisterRequest register = new RegisterRequest(groupName, "127.0.0.1", null, "light-" + i, 1, null, false);
            HttpResponse<String> answer =
                    http.send(request(NodeApi.REGISTER, null, register), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("register answered " + answer.statusCode() + ": " + answer.body());
            }
            RegisterResponse registered = json.readValue(answer.body(), RegisterResponse.class);
            nodes.add(new Node(registered.nodeId(), registered.sessionToken()));
        }
        System.out.println(ChildJvm.MARK + "READY light-registered");
        long spread = heartbeat.toMillis();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            poll(node);
            timers.scheduleAtFixedRate(() -> heartbeat(node), spread * i / nodes.size(), spread, TimeUnit.MILLISECONDS);
            if (i % 50 == 49) {
                Thread.sleep(20);
            }
        }
        System.out.println(ChildJvm.MARK + "READY light-polling");
        timers.scheduleAtFixedRate(
                () -> System.out.println(ChildJvm.MARK + "LIGHT " + polls.get() + " " + claimed.get() + " "
                        + errors.get() + " " + inFlight.get()),
                5,
                5,
                TimeUnit.SECONDS);
    }

    private void poll(Node node) {
        polls.incrementAndGet();
        inFlight.incrementAndGet();
        http.sendAsync(
                        request(NodeApi.POLL, node, new PollRequest(node.id(), 1, pollWait.toMillis())),
                        HttpResponse.BodyHandlers.ofString())
                .whenComplete((answer, failure) -> {
                    long arrived = Micros.now();
                    inFlight.decrementAndGet();
                    if (failure != null || answer.statusCode() != 200) {
                        errors.incrementAndGet();
                        // As a node backs off after a failed poll.
                        timers.schedule(() -> poll(node), 1, TimeUnit.SECONDS);
                        return;
                    }
                    PollResponse response = json.readValue(answer.body(), PollResponse.class);
                    List<RunOutcome> outcomes = new ArrayList<>();
                    for (TaskAssignment task : response.tasks()) {
                        claimed.incrementAndGet();
                        System.out.println(ChildJvm.MARK + "CLAIMED " + task.taskName() + " " + arrived);
                        outcomes.add(new RunOutcome(task.runId(), RunResult.SUCCEEDED, "done", 0));
                    }
                    if (!outcomes.isEmpty()) {
                        http.sendAsync(
                                        request(NodeApi.FINISH, node, new FinishRequest(node.id(), outcomes)),
                                        HttpResponse.BodyHandlers.discarding())
                                .whenComplete((r, e) -> {
                                    if (e != null || r.statusCode() != 200) {
                                        errors.incrementAndGet();
                                    }
                                });
                    }
                    poll(node);
                });
    }

    private void heartbeat(Node node) {
        http.sendAsync(
                        request(NodeApi.HEARTBEAT, node, new HeartbeatRequest(node.id(), List.of())),
                        HttpResponse.BodyHandlers.discarding())
                .whenComplete((r, e) -> {
                    if (e != null || r.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                });
    }

    private HttpRequest request(String path, Node node, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(master + path))
                .timeout(pollWait.plusSeconds(30))
                .header("Content-Type", "application/json")
                .header(NodeApi.TOKEN_HEADER, token)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (node != null) {
            request.header(NodeApi.SESSION_HEADER, node.session());
        }
        return request.build();
    }
}
