package com.jm.job.master.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.master.support.MariaDbTest;
import com.jm.job.master.support.TestSecurity;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sensitive params over the whole application on MariaDB: encrypted at rest under the current key,
 * masked in every API answer, the audit trail and the logs, and in clear only in the poll answer
 * of the node that runs the task. Rows that are not sensitive stay as they were.
 */
@SpringBootTest(
        properties = {
            "jm.job.master.security.params-keys[0].id=2026-old",
            "jm.job.master.security.params-keys[0].key=" + SensitiveParamsTest.OLD_KEY,
            "jm.job.master.security.params-keys[1].id=2026-new",
            "jm.job.master.security.params-keys[1].key=" + SensitiveParamsTest.NEW_KEY,
            "jm.job.master.security.params-key-id=2026-new"
        })
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
@ExtendWith(OutputCaptureExtension.class)
class SensitiveParamsTest extends MariaDbTest {

    static final String OLD_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String NEW_KEY = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";
    private static final String SECRET = "{\"dbPassword\":\"hunter2-s3cr3t\"}";

    @Autowired
    MockMvc mvc;

    @Autowired
    ParamsCipher cipher;

    private final JsonMapper json = JsonMapper.builder().build();
    private long groupId;

    @BeforeEach
    void setUp() throws Exception {
        clean();
        jdbc.update("DELETE FROM jm_audit");
        groupId = read(send(post("/api/groups"), "{\"name\":\"sensitive\"}"))
                .get("id")
                .asLong();
    }

    @Test
    void sensitiveParamsAreEncryptedMaskedAndDeliveredInClearOnlyToTheNode(CapturedOutput output) throws Exception {
        JsonNode created = read(send(
                post("/api/tasks"),
                "{\"name\":\"export\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + ",\"params\":"
                        + json.writeValueAsString(SECRET) + ",\"paramsSensitive\":true}"));
        long id = created.get("id").asLong();
        assertThat(created.get("params").asString()).isEqualTo("******");
        assertThat(created.get("paramsSensitive").asBoolean()).isTrue();

        String stored = jdbc.queryForObject("SELECT params FROM jm_task WHERE id = ?", String.class, id);
        assertThat(stored).startsWith("{aesgcm:2026-new}").doesNotContain("hunter2");
        assertThat(ParamsCipher.keyIdOf(stored)).isEqualTo("2026-new");

        mvc.perform(get("/api/tasks/{id}", id)).andExpect(jsonPath("$.params").value("******"));
        mvc.perform(get("/api/tasks")).andExpect(jsonPath("$.items[0].params").value("******"));
        String listed = mvc.perform(get("/api/tasks?name=export"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(listed).doesNotContain("hunter2");

        JsonNode polled = poll();
        assertThat(polled.get("tasks").get(0).get("params").asString()).isEqualTo(SECRET);

        assertThat(jdbc.queryForList("SELECT CONCAT_WS(' ', actor, action, detail) FROM jm_audit", String.class))
                .isNotEmpty()
                .noneMatch(row -> row.contains("hunter2"));
        assertThat(output.getAll()).doesNotContain("hunter2");
    }

    /** A trigger's own params for a sensitive task are kept as the task's are: encrypted, masked. */
    @Test
    void triggerParamsOfASensitiveTaskAreEncryptedToo() throws Exception {
        long id = read(send(
                        post("/api/tasks"),
                        "{\"name\":\"export\",\"beanName\":\"helloJob\",\"groupId\":" + groupId
                                + ",\"runAt\":\"2099-01-01T00:00:00Z\",\"params\":\"own\",\"paramsSensitive\":true}"))
                .get("id")
                .asLong();
        send(post("/api/tasks/" + id + "/trigger"), "{\"params\":" + json.writeValueAsString(SECRET) + "}");
        assertThat(jdbc.queryForObject("SELECT fire_params FROM jm_task WHERE id = ?", String.class, id))
                .startsWith("{aesgcm:2026-new}")
                .doesNotContain("hunter2");

        assertThat(poll().get("tasks").get(0).get("params").asString()).isEqualTo(SECRET);
        assertThat(jdbc.queryForObject("SELECT params FROM jm_task_run WHERE task_id = ?", String.class, id))
                .startsWith("{aesgcm:")
                .doesNotContain("hunter2");
        mvc.perform(get("/api/tasks/{id}/runs", id))
                .andExpect(jsonPath("$.items[0].params").value("******"));
    }

    @Test
    void rowsUnderAnOlderKeyStayReadableAndAnUpdateMovesThemToTheCurrentKey() throws Exception {
        long id = read(send(
                        post("/api/tasks"),
                        "{\"name\":\"old\",\"beanName\":\"helloJob\",\"groupId\":" + groupId
                                + ",\"cron\":\"0 0 0 1 1 *\"}"))
                .get("id")
                .asLong();
        // As a master with only the old key wrote it before the new key was added.
        ParamsCipher oldOnly = new ParamsCipher(properties("2026-old", OLD_KEY));
        jdbc.update(
                "UPDATE jm_task SET params = ?, params_sensitive = 1 WHERE id = ?", oldOnly.encrypt("old-secret"), id);
        assertThat(cipher.decrypt(jdbc.queryForObject("SELECT params FROM jm_task WHERE id = ?", String.class, id)))
                .isEqualTo("old-secret");

        send(
                put("/api/tasks/{id}", id),
                "{\"name\":\"old\",\"beanName\":\"helloJob\",\"params\":\"new-secret\",\"paramsSensitive\":true}");

        String stored = jdbc.queryForObject("SELECT params FROM jm_task WHERE id = ?", String.class, id);
        assertThat(ParamsCipher.keyIdOf(stored)).isEqualTo("2026-new");
        assertThat(cipher.decrypt(stored)).isEqualTo("new-secret");
    }

    @Test
    void paramsThatAreNotSensitiveAndRowsFromBeforeStayAsTheyWere() throws Exception {
        jdbc.update(
                "INSERT INTO jm_task (name, bean_name, status, group_id, params) VALUES ('legacy', 'helloJob', 0, ?,"
                        + " 'plain')",
                groupId);
        long plain = read(send(
                        post("/api/tasks"),
                        "{\"name\":\"plain\",\"beanName\":\"helloJob\",\"groupId\":" + groupId
                                + ",\"params\":\"visible\"}"))
                .get("id")
                .asLong();

        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(params, ':', params_sensitive) FROM jm_task ORDER BY id", String.class))
                .containsExactly("plain:0", "visible:0");
        mvc.perform(get("/api/tasks/{id}", plain))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.params").value("visible"))
                .andExpect(jsonPath("$.paramsSensitive").value(false));
    }

    private JsonNode poll() throws Exception {
        JsonNode registered = read(mvc.perform(post(NodeApi.REGISTER)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"group\":\"sensitive\",\"ip\":\"10.0.0.1\",\"instance\":\"n\",\"threads\":1}"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        long nodeId = registered.get("nodeId").asLong();
        return read(mvc.perform(post(NodeApi.POLL)
                        .header(
                                NodeApi.SESSION_HEADER,
                                registered.get("sessionToken").asString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"nodeId\":" + nodeId + ",\"maxTasks\":1,\"waitMillis\":0}"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }

    static com.jm.job.master.config.JmJobMasterProperties properties(String id, String key) {
        com.jm.job.master.config.JmJobMasterProperties properties =
                new com.jm.job.master.config.JmJobMasterProperties();
        com.jm.job.master.config.JmJobMasterProperties.ParamsKey k =
                new com.jm.job.master.config.JmJobMasterProperties.ParamsKey();
        k.setId(id);
        k.setKey(key);
        properties.getSecurity().getParamsKeys().add(k);
        return properties;
    }

    private String send(MockHttpServletRequestBuilder request, String body) throws Exception {
        String answer = mvc.perform(
                        request.contentType(MediaType.APPLICATION_JSON).content(body))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(answer).doesNotContain("hunter2");
        return answer;
    }

    private JsonNode read(String body) {
        return json.readTree(body);
    }
}
