package com.jm.job.master.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.master.index.IndexReconciler;
import com.jm.job.master.support.MariaDbTest;
import com.jm.job.master.support.TestSecurity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Who may do what, over the whole application on MariaDB: viewers read, operators write, tokens
 * work like users, the node API needs the node token, health is open without details, refusals are
 * problem bodies, and every write through the API is audited with its actor and outcome.
 */
@SpringBootTest(
        properties = {
            "jm.job.master.security.tokens[0].name=ci-bot",
            "jm.job.master.security.tokens[0].token=ci-token-0123456789abcdef0123456789abcdef",
            "jm.job.master.security.tokens[0].role=OPERATOR",
            "jm.job.master.security.tokens[1].name=dashboard",
            "jm.job.master.security.tokens[1].token=dashboard-0123456789abcdef0123456789abcdef",
            "jm.job.master.security.tokens[1].role=VIEWER"
        })
@AutoConfigureMockMvc
class SecurityTest extends MariaDbTest {

    private static final String GROUP = "{\"name\":\"g\"}";

    @Autowired
    MockMvc mvc;

    @Autowired
    IndexReconciler reconciler;

    @BeforeEach
    void setUp() {
        clean();
        jdbc.update("DELETE FROM jm_audit");
    }

    @Test
    void withoutCredentialsTheApiAnswers401WithAProblemBody() throws Exception {
        mvc.perform(get("/api/tasks"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("Basic")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(json(post("/api/groups"), GROUP)).andExpect(status().isUnauthorized());
        mvc.perform(get("/v3/api-docs")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/tasks").with(httpBasic(TestSecurity.OPERATOR, "wrong")))
                .andExpect(status().isUnauthorized());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_group", Long.class))
                .isZero();
    }

    @Test
    void viewersReadButCannotWrite() throws Exception {
        mvc.perform(get("/api/tasks").with(viewer())).andExpect(status().isOk());
        mvc.perform(json(post("/api/groups"), GROUP).with(viewer()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("OPERATOR")));
        mvc.perform(get("/api/audit").with(viewer())).andExpect(status().isForbidden());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_group", Long.class))
                .isZero();
    }

    @Test
    void operatorsWriteAndBearerTokensCarryTheirRole() throws Exception {
        mvc.perform(json(post("/api/groups"), GROUP).with(operator())).andExpect(status().isCreated());
        mvc.perform(json(post("/api/groups"), "{\"name\":\"h\"}")
                        .header("Authorization", "Bearer ci-token-0123456789abcdef0123456789abcdef"))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/groups").header("Authorization", "Bearer dashboard-0123456789abcdef0123456789abcdef"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(json(post("/api/groups"), "{\"name\":\"i\"}")
                        .header("Authorization", "Bearer dashboard-0123456789abcdef0123456789abcdef"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/groups").header("Authorization", "Bearer not-a-token"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("unknown bearer token"));
    }

    @Test
    void healthIsOpenWithoutDetailsAndOtherActuatorEndpointsNeedAnOperator() throws Exception {
        reconciler.reconcile(); // background loops are off in tests; without a built index health is DEGRADED
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist())
                .andExpect(jsonPath("$.details").doesNotExist());
        mvc.perform(get("/actuator/info")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/info").with(viewer())).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/info").with(operator())).andExpect(status().isOk());
    }

    @Test
    void theNodeApiNeedsTheNodeToken() throws Exception {
        String register = "{\"group\":\"g\",\"ip\":\"10.0.0.1\",\"instance\":\"n\",\"threads\":1}";
        mvc.perform(json(post(NodeApi.REGISTER), register))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value(containsString("jm.job.client.token")));
        mvc.perform(json(post(NodeApi.REGISTER), register).header(NodeApi.TOKEN_HEADER, "guess"))
                .andExpect(status().isUnauthorized());
        // Operator credentials are not a node token.
        mvc.perform(json(post(NodeApi.REGISTER), register).with(operator())).andExpect(status().isUnauthorized());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_node", Long.class))
                .isZero();
        mvc.perform(json(post(NodeApi.REGISTER), register).header(NodeApi.TOKEN_HEADER, TestSecurity.NODE_TOKEN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sessionToken").isString());
    }

    @Test
    void everyWriteIsAuditedWithItsActorTargetAndOutcome() throws Exception {
        mvc.perform(json(post("/api/groups"), GROUP).with(operator())).andExpect(status().isCreated());
        long groupId = jdbc.queryForObject("SELECT id FROM jm_group", Long.class);
        mvc.perform(json(post("/api/tasks"), "{\"name\":\"t\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "}")
                        .header("Authorization", "Bearer ci-token-0123456789abcdef0123456789abcdef"))
                .andExpect(status().isCreated());
        long taskId = jdbc.queryForObject("SELECT id FROM jm_task", Long.class);
        mvc.perform(post("/api/tasks/" + taskId + "/disable").with(operator())).andExpect(status().isOk());
        mvc.perform(post("/api/tasks/" + taskId + "/retry").with(operator())).andExpect(status().isConflict());
        mvc.perform(get("/api/tasks/" + taskId).with(operator())).andExpect(status().isOk());

        mvc.perform(get("/api/audit").with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(4))
                .andExpect(jsonPath("$.items[0].action").value("POST /api/tasks/{id}/retry"))
                .andExpect(jsonPath("$.items[0].outcome").value(409))
                .andExpect(jsonPath("$.items[0].targetType").value("TASK"))
                .andExpect(jsonPath("$.items[0].targetId").value(taskId))
                .andExpect(jsonPath("$.items[0].actor").value(TestSecurity.OPERATOR))
                .andExpect(jsonPath("$.items[2].actor").value("ci-bot"))
                .andExpect(jsonPath("$.items[2].targetId").value(taskId))
                .andExpect(jsonPath("$.items[3].action").value("POST /api/groups"))
                .andExpect(jsonPath("$.items[3].targetId").value(groupId));
    }

    @Test
    void alarmRuleWritesNameTheRuleTheyChanged() throws Exception {
        String rule = "{\"name\":\"failures\",\"scope\":\"ALL\",\"events\":[\"RUN_FAILED\"],"
                + "\"channel\":\"WEBHOOK\",\"webhookUrl\":\"http://127.0.0.1:9/hook\"}";
        mvc.perform(json(post("/api/alarms"), rule).with(operator())).andExpect(status().isCreated());
        long ruleId = jdbc.queryForObject("SELECT id FROM jm_alarm_rule", Long.class);
        mvc.perform(delete("/api/alarms/" + ruleId).with(operator())).andExpect(status().isNoContent());

        mvc.perform(get("/api/audit").with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items[0].action").value("DELETE /api/alarms/{id}"))
                .andExpect(jsonPath("$.items[0].targetType").value("ALARM_RULE"))
                .andExpect(jsonPath("$.items[0].targetId").value(ruleId))
                .andExpect(jsonPath("$.items[1].action").value("POST /api/alarms"))
                .andExpect(jsonPath("$.items[1].targetType").value("ALARM_RULE"))
                .andExpect(jsonPath("$.items[1].targetId").value(ruleId));
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor operator() {
        return httpBasic(TestSecurity.OPERATOR, TestSecurity.OPERATOR_PASSWORD);
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor viewer() {
        return httpBasic(TestSecurity.VIEWER, TestSecurity.VIEWER_PASSWORD);
    }
}
