package com.jm.job.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.master.support.TestSecurity;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With nothing configured the master starts on its embedded H2 file database in MySQL mode, applies
 * the same migrations and serves the API: what the README's run command relies on. (SQL behaviour
 * itself is tested on MariaDB.)
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:embedded-default;MODE=MySQL;DATABASE_TO_LOWER=TRUE")
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class EmbeddedDefaultTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    DataSource dataSource;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void runsOnH2InMySqlModeWithTheSameSchema() throws Exception {
        try (var connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("H2");
        }
        String group = "demo-" + UUID.randomUUID();
        String body = mvc.perform(post("/api/groups")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + group + "\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long groupId = Long.parseLong(body.replaceAll(".*\"id\":(\\d+).*", "$1"));
        mvc.perform(post("/api/tasks")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"hello\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("PENDING"));
        assertNodeRoundTrip(group);
    }

    /** A sharded fire and a broadcast on H2: the unit rows, the tag test and the fire's end, portable. */
    @Test
    void shardedAndBroadcastFiresRunOnH2() throws Exception {
        String group = "demo-" + UUID.randomUUID();
        long groupId = created(post("/api/groups"), "{\"name\":\"" + group + "\"}");
        JsonNode registered = node(
                NodeApi.REGISTER,
                null,
                "{\"group\":\"" + group + "\",\"ip\":\"10.0.0.1\",\"instance\":\"h2-shards\",\"threads\":4,"
                        + "\"tags\":[\"eu\",\"gpu\"]}");
        long nodeId = registered.get("nodeId").asLong();
        String session = registered.get("sessionToken").asString();
        long sharded = created(
                post("/api/tasks"),
                "{\"name\":\"s\",\"beanName\":\"helloJob\",\"shards\":3,\"tags\":[\"gpu\"],\"groupId\":" + groupId
                        + "}");
        long broadcast = created(
                post("/api/tasks"),
                "{\"name\":\"b\",\"beanName\":\"helloJob\",\"mode\":\"BROADCAST\",\"groupId\":" + groupId + "}");
        String poll = "{\"nodeId\":" + nodeId + ",\"maxTasks\":10,\"waitMillis\":0}";
        assertThat(node(NodeApi.POLL, session, poll).get("tasks"))
                .as("both fires start")
                .isEmpty();
        JsonNode runs = node(NodeApi.POLL, session, poll).get("tasks");
        assertThat(runs).hasSize(4);
        StringBuilder outcomes = new StringBuilder();
        for (JsonNode run : runs) {
            outcomes.append(outcomes.isEmpty() ? "" : ",")
                    .append("{\"runId\":")
                    .append(run.get("runId").asLong())
                    .append(",\"result\":\"SUCCEEDED\",\"message\":\"ok\",\"durationMillis\":1}");
        }
        node(NodeApi.FINISH, session, "{\"nodeId\":" + nodeId + ",\"outcomes\":[" + outcomes + "]}");
        mvc.perform(get("/api/tasks/" + sharded + "/runs"))
                .andExpect(jsonPath("$.total").value(4))
                .andExpect(jsonPath("$.items[3].state").value("SUCCEEDED"))
                .andExpect(jsonPath("$.items[3].shardTotal").value(3));
        mvc.perform(get("/api/tasks/" + broadcast + "/runs"))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items[1].message").value("1 of 1 runs succeeded"));
    }

    /** The batch's multi-row insert on H2: every task answered under the id H2 gave its row. */
    @Test
    void aBatchInsertGetsEveryIdBackOnH2() throws Exception {
        long groupId = created(post("/api/groups"), "{\"name\":\"demo-" + UUID.randomUUID() + "\"}");
        StringBuilder tasks = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            tasks.append(i == 0 ? "" : ",")
                    .append("{\"name\":\"batch-" + i + "\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "}");
        }
        JsonNode created = createdBody(post("/api/tasks/batch"), "{\"tasks\":[" + tasks + "]}")
                .get("tasks");
        assertThat(created).hasSize(3);
        for (int i = 0; i < 3; i++) {
            mvc.perform(get("/api/tasks/" + created.get(i).get("id").asLong()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.name").value("batch-" + i));
        }
    }

    private long created(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String body)
            throws Exception {
        return createdBody(request, body).get("id").asLong();
    }

    private JsonNode createdBody(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String body)
            throws Exception {
        String answer = mvc.perform(
                        request.contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readTree(answer);
    }

    /**
     * A node registers, claims the task and reports it done: on H2 the claim and finish run the
     * portable form of their batch statements (MariaDB runs the JSON_TABLE form).
     */
    private void assertNodeRoundTrip(String group) throws Exception {
        JsonNode registered = node(
                NodeApi.REGISTER,
                null,
                "{\"group\":\"" + group + "\",\"ip\":\"10.0.0.1\",\"instance\":\"h2\",\"threads\":1}");
        long nodeId = registered.get("nodeId").asLong();
        String session = registered.get("sessionToken").asString();
        JsonNode claimed = node(NodeApi.POLL, session, "{\"nodeId\":" + nodeId + ",\"maxTasks\":5,\"waitMillis\":0}");
        assertThat(claimed.get("tasks")).hasSize(1);
        long runId = claimed.get("tasks").get(0).get("runId").asLong();
        node(
                NodeApi.FINISH,
                session,
                "{\"nodeId\":" + nodeId + ",\"outcomes\":[{\"runId\":" + runId
                        + ",\"result\":\"SUCCEEDED\",\"message\":\"ok\",\"durationMillis\":3}]}");
        mvc.perform(get("/api/tasks/"
                        + claimed.get("tasks").get(0).get("taskId").asLong() + "/runs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(runId))
                .andExpect(jsonPath("$.items[0].state").value("SUCCEEDED"))
                .andExpect(jsonPath("$.items[0].message").value("ok"))
                .andExpect(jsonPath("$.items[0].durationMs").value(3));
    }

    private JsonNode node(String path, String session, String body) throws Exception {
        var request = post(path).contentType(MediaType.APPLICATION_JSON).content(body);
        if (session != null) {
            request.header(NodeApi.SESSION_HEADER, session);
        }
        String answer = mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return answer.isEmpty() ? null : json.readTree(answer);
    }
}
