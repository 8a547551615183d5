package com.jm.job.master.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.support.MariaDbTest;
import com.jm.job.master.support.TestSecurity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The master serves an OpenAPI document (importable into Postman) and Swagger UI, and the copy in
 * {@code docs/openapi.json}, which the generated client and the Postman collection are built from,
 * is that document.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class OpenApiDocumentTest extends MariaDbTest {

    /** The committed copy, relative to this module. */
    static final Path COMMITTED = Path.of("..", "docs", "openapi.json");

    /** {@code -Djmjob.openapi.update=true} rewrites the committed copy instead of comparing. */
    private static final String UPDATE = "jmjob.openapi.update";

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Autowired
    MockMvc mvc;

    @Test
    void documentListsThePublicPaths() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.openapi").exists())
                .andExpect(jsonPath("$.paths['/api/tasks'].post").exists())
                .andExpect(jsonPath("$.paths['/api/tasks/{id}/retry'].post").exists())
                .andExpect(jsonPath("$.paths['/api/groups/{id}'].get").exists())
                .andExpect(jsonPath("$.paths['/api/nodes/{id}/disable'].post").exists())
                .andExpect(jsonPath("$.paths['/node-api/v1/poll'].post").exists());
    }

    @Test
    void swaggerUiIsServed() throws Exception {
        mvc.perform(get("/swagger-ui/index.html"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Swagger UI")));
    }

    @Test
    void committedCopyIsTheLiveDocument() throws Exception {
        JsonNode live = JSON.readTree(liveDocument(mvc));
        if (Boolean.getBoolean(UPDATE)) {
            Files.writeString(COMMITTED, JSON.writeValueAsString(live) + "\n", StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(COMMITTED))
                .as("docs/openapi.json is missing; write it with -D%s=true", UPDATE)
                .isTrue();
        JsonNode committed = JSON.readTree(Files.readString(COMMITTED));
        assertThat(committed)
                .as(
                        "docs/openapi.json differs from /v3/api-docs: the API changed. Rewrite it with"
                                + " `mvn -pl jm-job-master -am test -Dtest=OpenApiDocumentTest -D%s=true"
                                + " -Dsurefire.failIfNoSpecifiedTests=false` and review the difference (the generated"
                                + " client and the Postman collection follow it)",
                        UPDATE)
                .isEqualTo(live);
    }

    static String liveDocument(MockMvc mvc) throws Exception {
        return mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}
