package com.jm.job.master.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.domain.GroupRecord;
import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.store.GroupMapper;
import com.jm.job.master.store.TaskMapper;
import com.jm.job.master.support.Fixtures;
import com.jm.job.master.support.MariaDbTest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The attack on every state-changing endpoint, against the whole application on MariaDB:
 * a form another site posts with the credentials a browser keeps is refused with 403 and changes
 * no row; the same call from curl (no browser headers), from the master's own pages or from a
 * configured origin goes through and changes the row.
 */
@SpringBootTest(
        properties = {
            "jm.job.master.security.tokens[0].name=hostile-operator",
            "jm.job.master.security.tokens[0].token=" + Endpoint.OPERATOR_TOKEN,
            "jm.job.master.security.tokens[0].role=OPERATOR",
            "jm.job.master.security.allowed-origins=https://console.example.com"
        })
@AutoConfigureMockMvc
class CrossSiteRequestTest extends MariaDbTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    GroupMapper groups;

    @Autowired
    TaskMapper tasks;

    private HostileTarget target;

    static Stream<Endpoint> stateChanging() {
        List<Endpoint> endpoints = Endpoints.ALL.stream()
                .filter(HostileCrossSiteCases::changesState)
                .toList();
        assertThat(endpoints).hasSize(16);
        return endpoints.stream();
    }

    private void fixtures() {
        clean();
        GroupRecord group = Fixtures.group(groups);
        TaskRecord task = Fixtures.pendingTask(tasks, group.getId(), "idle");
        jdbc.update("UPDATE jm_task SET status = 0 WHERE id = ?", task.getId());
        jdbc.update("INSERT INTO jm_node (ip, group_id, instance) VALUES ('10.0.0.1', ?, 'n')", group.getId());
        long nodeId = jdbc.queryForObject("SELECT id FROM jm_node", Long.class);
        jdbc.update(
                "INSERT INTO jm_alarm_rule (name, scope, events, silence_ms, channel, webhook_url, webhook_template,"
                        + " enabled, version, created_at, updated_at) VALUES ('r', 'ALL', 'RUN_FAILED', 0, 'WEBHOOK',"
                        + " 'http://127.0.0.1:9/hook', 'GENERIC', 1, 1, NOW(3), NOW(3))");
        long ruleId = jdbc.queryForObject("SELECT MAX(id) FROM jm_alarm_rule", Long.class);
        target = new HostileTarget(group.getId(), task.getId(), 0, 0, nodeId, null, 0, null, ruleId);
    }

    /**
     * Fresh rows in which {@code endpoint}'s legitimate call changes something (enable needs a
     * disabled row, resume a paused group).
     */
    private void fixtures(Endpoint endpoint) {
        fixtures();
        if (endpoint == Endpoints.ENABLE_TASK) {
            jdbc.update("UPDATE jm_task SET disable = 1");
        }
        if (endpoint == Endpoints.ENABLE_NODE) {
            jdbc.update("UPDATE jm_node SET disable = 1");
        }
        if (endpoint == Endpoints.RESUME_GROUP) {
            jdbc.update("UPDATE jm_group SET paused = 1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stateChanging")
    void aFormPostedByAnotherSiteIsRefusedAndChangesNothing(Endpoint endpoint) throws Exception {
        fixtures(endpoint);
        String before = rows();

        MockHttpServletResponse response = mvc.perform(HostileCrossSiteCases.forgedForm(endpoint, target))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("cross-site request refused");
        assertThat(rows()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stateChanging")
    void theSameCallFromCurlGoesThrough(Endpoint endpoint) throws Exception {
        fixtures(endpoint);
        assertGoesThrough(endpoint, endpoint.authorized(target));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stateChanging")
    void theMastersOwnPagesAndConfiguredOriginsGoThrough(Endpoint endpoint) throws Exception {
        for (String[] browser :
                new String[][] {{"http://localhost", "same-origin"}, {"https://console.example.com", "same-site"}}) {
            fixtures(endpoint);
            assertGoesThrough(
                    endpoint,
                    endpoint.authorized(target)
                            .header(HttpHeaders.ORIGIN, browser[0])
                            .header("Sec-Fetch-Site", browser[1]));
        }
    }

    private void assertGoesThrough(Endpoint endpoint, MockHttpServletRequestBuilder request) throws Exception {
        String before = rows();

        MockHttpServletResponse response =
                mvc.perform(endpoint.valid(target, request)).andReturn().getResponse();

        assertThat(response.getStatus()).as(response.getContentAsString()).isBetween(200, 204);
        if (endpoint != Endpoints.REBUILD_INDEX) { // refills the index, writes no row
            assertThat(rows()).isNotEqualTo(before);
        }
    }

    private String rows() {
        return jdbc.queryForList("SELECT * FROM jm_group ORDER BY id").toString()
                + jdbc.queryForList("SELECT * FROM jm_task ORDER BY id")
                + jdbc.queryForList("SELECT * FROM jm_node ORDER BY id")
                + jdbc.queryForList("SELECT * FROM jm_alarm_rule ORDER BY id");
    }
}
