package com.jm.job.master.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.support.MariaDbTest;
import com.jm.job.master.support.TestSecurity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/** The master serves an OpenAPI document (importable into Postman) and Swagger UI. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
class OpenApiDocumentTest extends MariaDbTest {

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
}
