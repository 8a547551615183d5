package com.jm.job.master.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Base of MockMvc tests that drive the node protocol: before each test the tables are emptied and
 * one node registers in the group {@code workers}, its calls carrying its session.
 */
public abstract class RegisteredNodeTest extends MariaDbTest {

    protected static final String GROUP = "workers";

    @Autowired
    protected MockMvc mvc;

    protected NodeCalls nodes;
    protected long nodeId;
    protected long groupId;

    @BeforeEach
    void registerNode() throws Exception {
        clean();
        nodes = new NodeCalls(mvc);
        JsonNode registered = nodes.register(GROUP, "n1", "10.1.2.3");
        nodeId = registered.get("nodeId").asLong();
        groupId = registered.get("groupId").asLong();
    }

    /** Creates a task in the test group through the API; {@code fields} are further JSON members, or empty. */
    protected long createTask(String name, String fields) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"beanName\":\"helloJob\",\"groupId\":" + groupId
                + (fields.isEmpty() ? "" : "," + fields) + "}";
        return nodes.read(mvc.perform(post("/api/tasks")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                        .andExpect(status().isCreated()))
                .get("id")
                .asLong();
    }
}
