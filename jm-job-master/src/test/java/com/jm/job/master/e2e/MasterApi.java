package com.jm.job.master.e2e;

import com.jm.job.master.support.TestSecurity;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The operators' REST API over real HTTP, as curl would call it. */
final class MasterApi {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;

    MasterApi(String base) {
        this.base = base;
    }

    long createGroup(String name) {
        return post("/api/groups", "{\"name\":\"" + name + "\"}").get("id").asLong();
    }

    long insertTask(long groupId, String name, String beanName) {
        return insertTask(Map.of("name", name, "beanName", beanName, "groupId", groupId));
    }

    /** Creates a task from the fields of a {@code POST /api/tasks} body; answers its id. */
    long insertTask(Map<String, Object> fields) {
        return post("/api/tasks", json.writeValueAsString(fields)).get("id").asLong();
    }

    void disable(long taskId) {
        post("/api/tasks/" + taskId + "/disable", "");
    }

    /** A manual fire of the task now, with {@code params} for that fire only (null: the task's own). */
    void trigger(long taskId, String params) {
        post(
                "/api/tasks/" + taskId + "/trigger",
                params == null ? "{}" : json.writeValueAsString(Map.of("params", params)));
    }

    /** Whether the master counts the node online (a recent heartbeat). */
    boolean online(long nodeId) {
        return get("/api/nodes/" + nodeId).get("online").asBoolean();
    }

    JsonNode post(String path, String body) {
        return send(authorized(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    JsonNode get(String path) {
        return send(authorized(path).GET().build());
    }

    /** As the test configuration's operator, like an operator's curl -u. */
    private HttpRequest.Builder authorized(String path) {
        String basic = java.util.Base64.getEncoder()
                .encodeToString((TestSecurity.OPERATOR + ":" + TestSecurity.OPERATOR_PASSWORD)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Basic " + basic);
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(
                        request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
