package com.jm.job.client.master;

import com.jm.job.common.protocol.DeregisterRequest;
import com.jm.job.common.protocol.FinishRequest;
import com.jm.job.common.protocol.FinishResponse;
import com.jm.job.common.protocol.HeartbeatRequest;
import com.jm.job.common.protocol.HeartbeatResponse;
import com.jm.job.common.protocol.LogsRequest;
import com.jm.job.common.protocol.NodeApi;
import com.jm.job.common.protocol.PollRequest;
import com.jm.job.common.protocol.PollResponse;
import com.jm.job.common.protocol.RegisterRequest;
import com.jm.job.common.protocol.RegisterResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link MasterClient} over HTTP with the JDK client and Jackson. Several master URLs may be given:
 * calls go to the current one and move on to the next when it is unreachable or answers with a
 * server error, so one master instance going down does not stop the node.
 */
public class HttpMasterClient implements MasterClient {

    private static final Logger log = LoggerFactory.getLogger(HttpMasterClient.class);

    private final List<URI> masterUrls;
    private final String token;
    private final Duration requestTimeout;
    private volatile Session session;
    private final HttpClient http;
    private final AtomicInteger current = new AtomicInteger();
    // Our own mapper rather than the application's: the protocol must not change shape with the
    // app's Jackson customisations (naming strategies, modules).
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * @param masterUrls base URLs of the master instances, tried in order
     * @param token the node token sent with every call, or {@code null}/blank for none
     * @param connectTimeout how long to wait for a connection to one master
     * @param requestTimeout how long to wait for an answer; a long poll gets its wait on top
     */
    public HttpMasterClient(List<URI> masterUrls, String token, Duration connectTimeout, Duration requestTimeout) {
        this(masterUrls, token, connectTimeout, requestTimeout, null);
    }

    /**
     * @param sslContext what https master URLs are trusted with, or {@code null} for the JVM's
     *     default trust store
     */
    public HttpMasterClient(
            List<URI> masterUrls,
            String token,
            Duration connectTimeout,
            Duration requestTimeout,
            SSLContext sslContext) {
        if (masterUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one master URL is needed");
        }
        this.masterUrls = List.copyOf(masterUrls);
        this.token = token == null || token.isBlank() ? null : token;
        this.requestTimeout = requestTimeout;
        // HTTP/1.1: the master is a plain servlet app; an h2c upgrade attempt only adds a round trip.
        HttpClient.Builder http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout);
        if (sslContext != null) {
            http.sslContext(sslContext);
        }
        this.http = http.build();
    }

    @Override
    public RegisterResponse register(RegisterRequest request) throws InterruptedException {
        RegisterResponse response = call(NodeApi.REGISTER, request, RegisterResponse.class, requestTimeout, null);
        if (response != null) {
            session = new Session(response.nodeId(), response.sessionToken());
        }
        return response;
    }

    @Override
    public PollResponse poll(PollRequest request) throws InterruptedException {
        // The master may hold a long poll for its whole wait; only time beyond that means trouble.
        Duration timeout = Duration.ofMillis(request.waitMillis()).plus(requestTimeout);
        return call(NodeApi.POLL, request, PollResponse.class, timeout, request.nodeId());
    }

    @Override
    public HeartbeatResponse heartbeat(HeartbeatRequest request) throws InterruptedException {
        return call(NodeApi.HEARTBEAT, request, HeartbeatResponse.class, requestTimeout, request.nodeId());
    }

    @Override
    public FinishResponse finish(FinishRequest request) throws InterruptedException {
        return call(NodeApi.FINISH, request, FinishResponse.class, requestTimeout, request.nodeId());
    }

    @Override
    public void logs(LogsRequest request) throws InterruptedException {
        call(NodeApi.LOGS, request, Void.class, requestTimeout, request.nodeId());
    }

    @Override
    public void deregister(DeregisterRequest request) throws InterruptedException {
        call(NodeApi.DEREGISTER, request, Void.class, requestTimeout, request.nodeId());
    }

    /** The master URL calls go to now. */
    public URI currentMasterUrl() {
        return masterUrls.get(current.get());
    }

    /**
     * Sends one call, moving through the master URLs until one answers.
     *
     * @param nodeId the node the call is about, so a 404 can say which id is unknown; {@code null}
     *     for registration, where a 404 means the URL does not point at a master
     */
    private <T> T call(String path, Object body, Class<T> type, Duration timeout, Long nodeId)
            throws InterruptedException {
        byte[] payload = json.writeValueAsBytes(body);
        MasterUnavailableException failure = null;
        for (int tried = 0; tried < masterUrls.size(); tried++) {
            int index = current.get();
            URI url = resolve(masterUrls.get(index), path);
            try {
                HttpResponse<byte[]> response =
                        http.send(request(url, payload, timeout, nodeId), HttpResponse.BodyHandlers.ofByteArray());
                return read(response, url, type, nodeId);
            } catch (SSLHandshakeException e) {
                failure = new MasterUnavailableException(
                        url + " refused: its TLS certificate is not trusted (" + e.getMessage()
                                + "); trust the master's CA with jm.job.client.ssl.bundle or"
                                + " jm.job.client.ssl.trust-pem",
                        e);
            } catch (IOException e) {
                failure = new MasterUnavailableException(url + " is unreachable: " + describe(e), e);
            } catch (MasterUnavailableException e) {
                failure = e;
            }
            moveOn(index, failure);
        }
        throw failure;
    }

    private void moveOn(int failedIndex, MasterUnavailableException failure) {
        if (masterUrls.size() == 1) {
            return;
        }
        int next = (failedIndex + 1) % masterUrls.size();
        // Several node threads may see the same master fail; only the first moves the pointer on.
        if (current.compareAndSet(failedIndex, next)) {
            log.warn("{}; switching to master {}", failure.getMessage(), masterUrls.get(next));
        }
    }

    private HttpRequest request(URI url, byte[] payload, Duration timeout, Long nodeId) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        if (token != null) {
            builder.header(NodeApi.TOKEN_HEADER, token);
        }
        Session current = session;
        if (nodeId != null && current != null && current.nodeId() == nodeId && current.token() != null) {
            builder.header(NodeApi.SESSION_HEADER, current.token());
        }
        return builder.build();
    }

    /** The secret of the latest registration, sent with every call about that node. */
    private record Session(long nodeId, String token) {}

    private <T> T read(HttpResponse<byte[]> response, URI url, Class<T> type, Long nodeId) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            if (type == Void.class || response.body().length == 0) {
                return null;
            }
            try {
                return json.readValue(response.body(), type);
            } catch (JacksonException e) {
                throw new MasterUnavailableException(
                        url + " answered with an unreadable body: " + e.getOriginalMessage(), e);
            }
        }
        String problem = problemText(response.body());
        if (status >= 500) {
            throw new MasterUnavailableException(url + " answered " + status + problem);
        }
        if (status == 404 && nodeId != null) {
            throw new UnknownNodeException(nodeId, url + " does not know node " + nodeId + problem);
        }
        if (status == 401 || status == 403) {
            throw new MasterRejectedException(
                    status, url + " refused the node token (" + status + "); check jm.job.client.token" + problem);
        }
        if (status == 404) {
            throw new MasterRejectedException(
                    status, url + " answered 404; does jm.job.client.master-url point at a jm-job master?" + problem);
        }
        throw new MasterRejectedException(status, url + " refused the call with " + status + problem);
    }

    /** The title and detail of an RFC 9457 problem body, when there is one, for log messages. */
    private String problemText(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        try {
            JsonNode problem = json.readTree(body);
            String detail = problem.path("detail").asString("");
            String title = problem.path("title").asString("");
            String text = detail.isEmpty() ? title : detail;
            return text.isEmpty() ? "" : ": " + text;
        } catch (JacksonException e) {
            return "";
        }
    }

    private static URI resolve(URI base, String path) {
        String root = base.toString();
        return URI.create(root.endsWith("/") ? root.substring(0, root.length() - 1) + path : root + path);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + " " + e.getMessage();
    }
}
