package com.jm.job.master.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of MockMvc tests of the operators' API: before each test the tables are emptied and one
 * group is created; {@link #send} posts JSON as an operator would.
 */
public abstract class OperatorApiTest extends MariaDbTest {

    @Autowired
    protected MockMvc mvc;

    protected final JsonMapper json = JsonMapper.builder().build();

    protected long groupId;

    /** The name of the group each test starts with. */
    protected String groupName() {
        return "orders";
    }

    @BeforeEach
    void createGroup() throws Exception {
        clean();
        groupId = body(send(post("/api/groups"), "{\"name\":\"" + groupName() + "\"}")
                        .andExpect(status().isCreated()))
                .get("id")
                .asLong();
    }

    protected ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body));
    }

    protected JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }
}
