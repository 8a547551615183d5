package com.jm.job.master.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.master.support.MariaDbTest;
import com.jm.job.master.support.TestSecurity;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Names that look like SQL, MyBatis placeholders or markup, and text in any script, are plain data:
 * accepted, stored and read back byte for byte, and found by the name filter literally.
 */
@HostileMaster
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileNamesTest extends MariaDbTest {

    @Autowired
    MockMvc mvc;

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void emptyDatabase() {
        clean();
    }

    static Stream<Arguments> names() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("quotes", "O'Brien's \"quoted\" `name`");
        names.put("backslashes", "back\\slash \\\\ \\n \\' \\\" \\0 \\%");
        names.put("semicolons", "semi;colon; name;");
        names.put("SQL injection", "'; DROP TABLE jm_task; --");
        names.put("SQL tautology", "1' OR '1'='1' /*");
        names.put("double-quoted SQL", "\" OR \"\"=\"");
        names.put("MyBatis #{}", "#{name}");
        names.put("MyBatis ${}", "${name}");
        names.put("SpEL", "#{T(java.lang.Runtime).getRuntime().exec('id')}");
        names.put("LIKE wildcards", "100% _done_ %");
        names.put("emoji with ZWJ", "🚀 deploy 👩\u200D💻 🏳️\u200D🌈");
        names.put("CJK", "夜间报表 — 任务");
        names.put("CJK beyond the BMP", "𠜎𠜱𠝹𠱓");
        names.put("RTL with override", "تقرير ليلي \u202Egnp.exe");
        names.put("zero-width characters", "a\u200Bb\u200Cc\u200Dd\uFEFFe");
        names.put("decomposed and composed accents", "e\u0301 \u00E9");
        names.put("markup", "<script>alert(1)</script>&amp;");
        names.put("control characters", "line1\nline2\ttab\r\n\u0007");
        names.put("NUL", "nul\u0000byte");
        names.put("surrounding spaces", "  padded\u00A0\u3000 ");
        names.put("JSON in a name", "{\"name\":\"x\"}");
        names.put("path traversal", "../../etc/passwd");
        names.put("128 CJK characters", "名".repeat(128));
        names.put("64 emoji (128 UTF-16 units)", "🚀".repeat(64));
        return names.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void groupTaskAndNodeNamesRoundTripByteForByte(String label, String name) throws Exception {
        long groupId =
                created(post("/api/groups"), Map.of("name", name)).get("id").asLong();
        assertThat(read("/api/groups/" + groupId).get("name").asString()).isEqualTo(name);
        assertStored("SELECT HEX(name) FROM jm_group WHERE id = ?", groupId, name);

        Map<String, Object> task = Map.of("name", name, "beanName", "helloJob", "groupId", groupId, "params", name);
        JsonNode inserted = created(post("/api/tasks"), task);
        long taskId = inserted.get("id").asLong();
        JsonNode readBack = read("/api/tasks/" + taskId);
        assertThat(readBack.get("name").asString()).isEqualTo(name);
        assertThat(readBack.get("params").asString()).isEqualTo(name);
        assertStored("SELECT HEX(name) FROM jm_task WHERE id = ?", taskId, name);
        assertStored("SELECT HEX(params) FROM jm_task WHERE id = ?", taskId, name);

        JsonNode found = json.readTree(response(get("/api/tasks")
                        .param("groupId", String.valueOf(groupId))
                        .param("name", name))
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(found.get("total").asLong()).as("name filter").isEqualTo(1);
        assertThat(found.get("items").get(0).get("id").asLong()).isEqualTo(taskId);

        JsonNode node = json.readTree(response(post(NodeApi.REGISTER)
                        .header(NodeApi.TOKEN_HEADER, TestSecurity.NODE_TOKEN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(
                                Map.of("group", name, "ip", "10.0.0.1", "instance", name, "threads", 1))))
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(node.get("groupId").asLong())
                .as("the node joins the group of that name")
                .isEqualTo(groupId);
        assertThat(read("/api/nodes/" + node.get("nodeId").asLong())
                        .get("instance")
                        .asString())
                .isEqualTo(name);
    }

    @Test
    void nameFilterMatchesAPrefixLiterallyNotAsAPattern() throws Exception {
        long groupId = created(post("/api/groups"), Map.of("name", "filter-" + UUID.randomUUID()))
                .get("id")
                .asLong();
        for (String name : List.of("alpha", "100% done", "a_b", "back\\slash", "it's")) {
            created(post("/api/tasks"), Map.of("name", name, "beanName", "helloJob", "groupId", groupId));
        }
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("%", 0);
        expected.put("_", 0);
        expected.put("a%", 0);
        expected.put("\\", 0);
        expected.put("' OR '1'='1", 0);
        expected.put("100%", 1);
        expected.put("a_", 1);
        expected.put("back\\", 1);
        expected.put("it'", 1);
        expected.put("a", 2);
        for (Map.Entry<String, Integer> query : expected.entrySet()) {
            JsonNode found = json.readTree(response(get("/api/tasks")
                            .param("groupId", String.valueOf(groupId))
                            .param("name", query.getKey()))
                    .getContentAsString(StandardCharsets.UTF_8));
            assertThat(found.get("total").asInt()).as("name=%s", query.getKey()).isEqualTo(query.getValue());
        }
    }

    private void assertStored(String hexQuery, long id, String expected) {
        assertThat(jdbc.queryForObject(hexQuery, String.class, id))
                .as("stored bytes")
                .isEqualTo(HexFormat.of().withUpperCase().formatHex(expected.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode created(MockHttpServletRequestBuilder request, Map<String, Object> body) throws Exception {
        MockHttpServletResponse response =
                response(request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)));
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }

    private JsonNode read(String path) throws Exception {
        MockHttpServletResponse response = response(get(path));
        assertThat(response.getStatus()).isEqualTo(200);
        return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }

    private MockHttpServletResponse response(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, "Bearer " + Endpoint.OPERATOR_TOKEN))
                .andReturn()
                .getResponse();
    }
}
