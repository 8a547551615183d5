package com.jm.job.master.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.common.protocol.NodeApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Node-protocol and operator calls over real HTTP to a master on {@code baseUrl}, with the test
 * configuration's node token and operator: for tests about what the server itself does with held
 * requests (threads, connections, shutdown), which MockMvc does not show.
 */
public final class HttpNodeCalls {

    /** A registered node: its id, its group's and its session secret. */
    public record Node(long id, long groupId, String session) {}

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final JsonMapper json = JsonMapper.builder().build();

    public HttpNodeCalls(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Node register(String group, String instance) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + NodeApi.REGISTER))
                        .header("Content-Type", "application/json")
                        .header(NodeApi.TOKEN_HEADER, TestSecurity.NODE_TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"group\":\"" + group
                                + "\",\"ip\":\"10.0.0.1\",\"instance\":\"" + instance + "\",\"threads\":1}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode registered = json.readTree(response.body());
        return new Node(
                registered.get("nodeId").asLong(),
                registered.get("groupId").asLong(),
                registered.get("sessionToken").asString());
    }

    /** A poll for one task, answered when the master answers it. */
    public CompletableFuture<HttpResponse<String>> poll(Node node, long waitMillis) {
        return http.sendAsync(
                HttpRequest.newBuilder(URI.create(baseUrl + NodeApi.POLL))
                        .header("Content-Type", "application/json")
                        .header(NodeApi.TOKEN_HEADER, TestSecurity.NODE_TOKEN)
                        .header(NodeApi.SESSION_HEADER, node.session())
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"nodeId\":" + node.id() + ",\"maxTasks\":1,\"waitMillis\":" + waitMillis + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An operators' API call with HTTP Basic, as the test operator. */
    public HttpResponse<String> operator(String method, String path, String body) throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString((TestSecurity.OPERATOR + ":" + TestSecurity.OPERATOR_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
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

    public JsonNode read(HttpResponse<String> response) {
        return json.readTree(response.body());
    }
}
