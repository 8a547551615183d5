package com.jm.job.client.testing;

import com.jm.job.client.master.MasterClient;
import com.jm.job.client.master.MasterUnavailableException;
import com.jm.job.client.master.UnknownNodeException;
import com.jm.job.common.protocol.DeregisterRequest;
import com.jm.job.common.protocol.FinishRequest;
import com.jm.job.common.protocol.HeartbeatRequest;
import com.jm.job.common.protocol.NodeApi;
import com.jm.job.common.protocol.PollRequest;
import com.jm.job.common.protocol.RegisterRequest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP master on a loopback port that serves the node protocol from a {@link MasterClient}
 * (usually a {@link FakeMaster}): unknown nodes answer 404 and an unavailable master 503, both as
 * problem JSON. A path can be made to answer a fixed status instead.
 */
public class LoopbackMaster implements AutoCloseable {

    /** One call as the server saw it. */
    public record Call(String path, String token, String body) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final MasterClient delegate;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Integer> forcedStatus = new ConcurrentHashMap<>();
    private final Map<String, Long> delayMillis = new ConcurrentHashMap<>();
    public final List<Call> calls = new CopyOnWriteArrayList<>();

    private LoopbackMaster(MasterClient delegate, int port) throws IOException {
        this.delegate = delegate;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static LoopbackMaster start(MasterClient delegate) throws IOException {
        return new LoopbackMaster(delegate, 0);
    }

    /** Starts on a given port, for example one a node already tried while nothing listened. */
    public static LoopbackMaster start(MasterClient delegate, int port) throws IOException {
        return new LoopbackMaster(delegate, port);
    }

    /** A loopback port nothing listens on (just released by the OS). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every call to this path answers the status with a problem body until cleared. */
    public void answer(String path, Integer status) {
        if (status == null) {
            forcedStatus.remove(path);
        } else {
            forcedStatus.put(path, status);
        }
    }

    /** Calls to this path are held this long before they are answered. */
    public void delay(String path, long millis) {
        delayMillis.put(path, millis);
    }

    public long count(String path) {
        return calls.stream().filter(call -> call.path().equals(path)).count();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String token = exchange.getRequestHeaders().getFirst(NodeApi.TOKEN_HEADER);
            calls.add(new Call(path, token, new String(body, StandardCharsets.UTF_8)));
            answer(exchange, path, body);
        }
    }

    private void answer(HttpExchange exchange, String path, byte[] body) throws IOException {
        try {
            Thread.sleep(delayMillis.getOrDefault(path, 0L));
            Integer forced = forcedStatus.get(path);
            if (forced != null) {
                send(exchange, forced, problem(forced, "forced by the test"));
                return;
            }
            Object answer = dispatch(path, body);
            if (answer == null) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                send(exchange, 200, json.writeValueAsBytes(answer));
            }
        } catch (UnknownNodeException e) {
            send(exchange, 404, problem(404, e.getMessage()));
        } catch (MasterUnavailableException e) {
            send(exchange, 503, problem(503, e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Object dispatch(String path, byte[] body) throws InterruptedException {
        return switch (path) {
            case NodeApi.REGISTER -> delegate.register(json.readValue(body, RegisterRequest.class));
            case NodeApi.POLL -> delegate.poll(json.readValue(body, PollRequest.class));
            case NodeApi.HEARTBEAT -> delegate.heartbeat(json.readValue(body, HeartbeatRequest.class));
            case NodeApi.FINISH -> delegate.finish(json.readValue(body, FinishRequest.class));
            case NodeApi.DEREGISTER -> {
                delegate.deregister(json.readValue(body, DeregisterRequest.class));
                yield null;
            }
            default -> throw new UnknownNodeException(-1, "no such path " + path);
        };
    }

    private byte[] problem(int status, String detail) {
        return json.writeValueAsBytes(
                Map.of("type", "about:blank", "title", "Test problem", "status", status, "detail", detail));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders()
                .set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
