package com.jm.job.master.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.common.protocol.NodeApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Node-protocol calls through MockMvc, as a node makes them: every call about a registered node
 * carries the session secret its registration returned.
 */
public final class NodeCalls {

    private final MockMvc mvc;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<Long, String> sessions = new HashMap<>();

    public NodeCalls(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** The session secrets by node id, for tests that tamper with them. */
    public Map<Long, String> sessions() {
        return sessions;
    }

    public JsonNode register(String group, String instance, String ip) throws Exception {
        return register(group, instance, ip, List.of());
    }

    /** Registers a node that acknowledges deliveries (as the starter does); answers its id. */
    public long registerAcknowledging(String group, String instance, String ip) throws Exception {
        Map<String, Object> body =
                Map.of("group", group, "ip", ip, "instance", instance, "threads", 4, "acknowledgesDelivery", true);
        return read(call(NodeApi.REGISTER, body).andExpect(status().isOk()))
                .get("nodeId")
                .asLong();
    }

    /** Registers a node that declares {@code tags}. */
    public JsonNode register(String group, String instance, String ip, List<String> tags) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("group", group, "ip", ip, "instance", instance, "threads", 4));
        if (!tags.isEmpty()) {
            body.put("tags", tags);
        }
        return read(call(NodeApi.REGISTER, body).andExpect(status().isOk()));
    }

    /** A heartbeat for {@code runIds}: answers the run ids the master says must stop. */
    public JsonNode heartbeat(long node, List<Long> runIds) throws Exception {
        return read(call(NodeApi.HEARTBEAT, Map.of("nodeId", node, "runIds", runIds))
                .andExpect(status().isOk()));
    }

    /** The tasks a poll that does not wait hands to {@code node}. */
    public JsonNode poll(long node, int maxTasks) throws Exception {
        return read(call(NodeApi.POLL, Map.of("nodeId", node, "maxTasks", maxTasks, "waitMillis", 0)))
                .get("tasks");
    }

    public ResultActions finish(long node, long runId, String result, String message) throws Exception {
        return call(NodeApi.FINISH, Map.of("nodeId", node, "outcomes", List.of(outcome(runId, result, message))))
                .andExpect(status().isOk());
    }

    public static Map<String, Object> outcome(long runId, String result, String message) {
        return Map.of("runId", runId, "result", result, "message", message, "durationMillis", 12);
    }

    /** Sends a node call; calls about a registered node carry its session secret, as a node's do. */
    public ResultActions call(String path, Map<String, ?> body) throws Exception {
        MockHttpServletRequestBuilder request =
                post(path).contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
        Object node = body.get("nodeId");
        if (node != null && sessions.containsKey(((Number) node).longValue())) {
            request.header(NodeApi.SESSION_HEADER, sessions.get(((Number) node).longValue()));
        }
        ResultActions result = answered(mvc.perform(request));
        if (path.equals(NodeApi.REGISTER) && result.andReturn().getResponse().getStatus() == 200) {
            JsonNode registered = read(result);
            sessions.put(
                    registered.get("nodeId").asLong(),
                    registered.get("sessionToken").asString());
        }
        return result;
    }

    /** Sends a body as written (for JSON a map cannot hold), with the node's session. */
    public ResultActions raw(String path, long node, String body) throws Exception {
        return answered(mvc.perform(post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .header(NodeApi.SESSION_HEADER, sessions.get(node))));
    }

    /**
     * The final answer: a poll the master holds is answered asynchronously, and MockMvc hands back
     * the started request; this waits for its result and dispatches it, as the server does.
     */
    public ResultActions answered(ResultActions result) throws Exception {
        MvcResult started = result.andReturn();
        return started.getRequest().isAsyncStarted() ? mvc.perform(asyncDispatch(started)) : result;
    }

    public JsonNode read(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }
}
