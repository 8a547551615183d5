package com.jm.job.master.runlog;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.master.store.TaskMapper;
import com.jm.job.master.support.Fixtures;
import com.jm.job.master.support.RegisteredNodeTest;
import com.jm.job.master.support.TestSecurity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Base of run log tests on MariaDB: the registered node holds one run, whose log is read as a viewer. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestSecurity.ActAsOperator.class)
abstract class RunLogTestBase extends RegisteredNodeTest {

    @Autowired
    TaskMapper tasks;

    final JsonMapper json = JsonMapper.builder().build();
    long runId;

    @BeforeEach
    void aRunOfThisNode() throws Exception {
        Fixtures.pendingTask(tasks, groupId, "chatty");
        runId = nodes.poll(nodeId, 1).get(0).get("runId").asLong();
    }

    JsonNode read(long run, long offset, int limit) throws Exception {
        String body = mvc.perform(get("/api/runs/{id}/log", run)
                        .param("offset", String.valueOf(offset))
                        .param("limit", String.valueOf(limit))
                        .with(viewer()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return json.readTree(body);
    }

    /** Reads go as a viewer: the log is a read, open to VIEWER as well as OPERATOR. */
    static RequestPostProcessor viewer() {
        return httpBasic(TestSecurity.VIEWER, TestSecurity.VIEWER_PASSWORD);
    }

    static List<String> texts(JsonNode page) {
        List<String> texts = new ArrayList<>();
        page.get("lines").forEach(line -> texts.add(line.get("text").asString()));
        return texts;
    }
}
