package com.jm.job.master.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jm.job.common.protocol.NodeApi;
import com.jm.job.master.support.MariaDbTest;
import com.jm.job.master.support.TestSecurity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What attackers and careless clients send, to every endpoint: each case is answered with its
 * exact 4xx status and a problem body that shows nothing internal, and writes nothing (the audit
 * trail records refused writes by design and is not counted). Prints the cases per endpoint.
 *
 * <p>No default credentials: each case sends its own, so the credential cases can send none.
 */
@HostileMaster
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest extends MariaDbTest {

    @Autowired
    MockMvc mvc;

    private final JsonMapper json = JsonMapper.builder().build();
    private RefusalCheck refusals;
    private final Map<String, Map<Integer, Integer>> counts = new ConcurrentHashMap<>();
    private HostileTarget target;

    @BeforeAll
    void fixtures() throws Exception {
        clean();
        refusals = new RefusalCheck(mvc, jdbc);
        long groupId = asOperator(post("/api/groups"), "{\"name\":\"" + HostileTarget.GROUP + "\"}")
                .get("id")
                .asLong();
        long idle = asOperator(
                        post("/api/tasks"),
                        "{\"name\":\"idle\",\"beanName\":\"helloJob\",\"groupId\":" + groupId
                                + ",\"cron\":\"0 0 0 1 1 *\"}")
                .get("id")
                .asLong();
        JsonNode self = asNode(NodeApi.REGISTER, null, register(HostileTarget.GROUP, "self"));
        JsonNode other = asNode(NodeApi.REGISTER, null, register(HostileTarget.GROUP, "other"));
        long running = asOperator(
                        post("/api/tasks"),
                        "{\"name\":\"running\",\"beanName\":\"helloJob\",\"groupId\":" + groupId + "}")
                .get("id")
                .asLong();
        String otherSession = other.get("sessionToken").asString();
        long otherId = other.get("nodeId").asLong();
        long runId = asNode(NodeApi.POLL, otherSession, "{\"nodeId\":" + otherId + ",\"maxTasks\":1,\"waitMillis\":0}")
                .get("tasks")
                .get(0)
                .get("runId")
                .asLong();
        target = new HostileTarget(
                groupId,
                idle,
                running,
                runId,
                self.get("nodeId").asLong(),
                self.get("sessionToken").asString(),
                otherId,
                otherSession,
                asOperator(post("/api/alarms"), json.writeValueAsString(Endpoints.alarmRule()))
                        .get("id")
                        .asLong());
    }

    @TestFactory
    Stream<DynamicTest> bodies() {
        return run(Endpoints.ALL.stream().filter(Endpoint::takesBody).flatMap(e -> HostileBodies.of(e).stream()));
    }

    @TestFactory
    Stream<DynamicTest> groupFields() {
        return run(HostileApiCases.groups().stream());
    }

    @TestFactory
    Stream<DynamicTest> taskFields() {
        return run(Stream.of(
                        HostileApiCases.createTask(),
                        HostileApiCases.createTasks(),
                        HostileApiCases.updateTask(),
                        HostileApiCases.retry(),
                        HostileApiCases.trigger())
                .flatMap(List::stream));
    }

    @TestFactory
    Stream<DynamicTest> alarmFields() {
        return run(Stream.of(
                        HostileApiCases.alarms(Endpoints.CREATE_ALARM),
                        HostileApiCases.alarms(Endpoints.UPDATE_ALARM),
                        HostileApiCases.alarmQueries())
                .flatMap(List::stream));
    }

    @TestFactory
    Stream<DynamicTest> queryParameters() {
        return run(Stream.of(
                        Stream.of(
                                        Endpoints.LIST_GROUPS,
                                        Endpoints.LIST_TASKS,
                                        Endpoints.TASK_RUNS,
                                        Endpoints.LIST_NODES,
                                        Endpoints.AUDIT,
                                        Endpoints.LIST_ALARMS,
                                        Endpoints.ALARM_DELIVERIES)
                                .flatMap(e -> HostileParams.paging(e).stream()),
                        HostileApiCases.taskQueries().stream(),
                        HostileApiCases.runLogQueries().stream(),
                        HostileApiCases.cronPreview().stream(),
                        HostileApiCases.nodeQueries().stream())
                .flatMap(s -> s));
    }

    @TestFactory
    Stream<DynamicTest> pathIds() {
        return run(Endpoints.ALL.stream()
                .filter(e -> e.path().contains("{id}"))
                .flatMap(e -> HostileParams.ids(e).stream()));
    }

    @TestFactory
    Stream<DynamicTest> methods() {
        return run(HostileApiCases.methods().stream());
    }

    @TestFactory
    Stream<DynamicTest> nodeProtocol() {
        return run(Stream.of(
                        HostileNodeApiCases.register(),
                        HostileNodeApiCases.poll(),
                        HostileNodeApiCases.heartbeat(),
                        HostileNodeApiCases.finish(),
                        HostileNodeApiCases.logs(),
                        HostileNodeApiCases.deregister())
                .flatMap(List::stream));
    }

    @TestFactory
    Stream<DynamicTest> crossSite() {
        return run(Endpoints.ALL.stream()
                .filter(HostileCrossSiteCases::changesState)
                .flatMap(e -> HostileCrossSiteCases.of(e).stream()));
    }

    @TestFactory
    Stream<DynamicTest> credentials() {
        return run(Endpoints.ALL.stream().flatMap(e -> HostileCredentialCases.of(e).stream()));
    }

    @AfterAll
    void printCounts() {
        StringBuilder table = new StringBuilder("\nHostile cases per endpoint\n");
        table.append(String.format("%-34s %6s  %s%n", "endpoint", "cases", "by status"));
        int total = 0;
        for (Endpoint e : Endpoints.ALL) {
            Map<Integer, Integer> byStatus = new TreeMap<>(counts.getOrDefault(e.label(), Map.of()));
            int n = byStatus.values().stream().mapToInt(Integer::intValue).sum();
            total += n;
            List<String> parts = new ArrayList<>();
            byStatus.forEach((status, count) -> parts.add(status + "x" + count));
            table.append(String.format("%-34s %6d  %s%n", e.label(), n, String.join(" ", parts)));
        }
        table.append(String.format("%-34s %6d%n", "total", total));
        System.out.println(table);
    }

    private Stream<DynamicTest> run(Stream<HostileCase> cases) {
        return cases.map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
    }

    private void check(HostileCase c) throws Exception {
        refusals.check(c, target);
        counts.computeIfAbsent(c.endpoint(), k -> new ConcurrentHashMap<>()).merge(c.status(), 1, Integer::sum);
    }

    @Test
    void theTableCheckSeesAnUpdateThatKeepsTheCount() throws Exception {
        Map<String, String> before = refusals.tables();
        asOperator(post("/api/tasks/{id}/disable", target.idleTaskId()), "");
        try {
            assertThat(refusals.tables()).isNotEqualTo(before);
        } finally {
            asOperator(post("/api/tasks/{id}/enable", target.idleTaskId()), "");
        }
    }

    private JsonNode asOperator(MockHttpServletRequestBuilder request, String body) throws Exception {
        return send(request.header(HttpHeaders.AUTHORIZATION, "Bearer " + Endpoint.OPERATOR_TOKEN), body);
    }

    private JsonNode asNode(String path, String session, String body) throws Exception {
        MockHttpServletRequestBuilder request = post(path).header(NodeApi.TOKEN_HEADER, TestSecurity.NODE_TOKEN);
        if (session != null) {
            request.header(NodeApi.SESSION_HEADER, session);
        }
        return send(request, body);
    }

    private JsonNode send(MockHttpServletRequestBuilder request, String body) throws Exception {
        MockHttpServletResponse response = mvc.perform(
                        request.contentType(MediaType.APPLICATION_JSON).content(body))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isBetween(200, 201);
        return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }

    private static String register(String group, String instance) {
        return "{\"group\":\"" + group + "\",\"ip\":\"10.0.0.1\",\"instance\":\"" + instance + "\",\"threads\":2}";
    }
}
