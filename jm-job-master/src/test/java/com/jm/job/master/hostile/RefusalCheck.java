package com.jm.job.master.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every hostile case must get: its exact 4xx status and a problem body that shows nothing
 * internal, and no table written (the audit trail records refused writes by design and is not
 * counted).
 */
final class RefusalCheck {

    /** What a problem body must never show; echoes of the request's own values are not counted. */
    private static final List<String> INTERNALS =
            List.of("Exception", "at com.", "java.", "SQL", "mybatis", "jm_task", "jackson", "springframework");

    private static final List<String> TABLES = List.of(
            "jm_group", "jm_task", "jm_node", "jm_task_run", "jm_run_log", "jm_alarm_rule", "jm_alarm_delivery");

    private final MockMvc mvc;
    private final JdbcTemplate jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    RefusalCheck(MockMvc mvc, JdbcTemplate jdbc) {
        this.mvc = mvc;
        this.jdbc = jdbc;
    }

    void check(HostileCase c, HostileTarget target) throws Exception {
        Map<String, String> before = tables();
        MvcResult result = mvc.perform(c.request().apply(target)).andReturn();
        MockHttpServletResponse response = result.getResponse();
        String body = response.getContentAsString(StandardCharsets.UTF_8);

        assertThat(response.getStatus()).as("%s: status; body: %s", c, body).isEqualTo(c.status());
        assertThat(response.getContentType()).as("content type").isNotNull();
        assertThat(MediaType.parseMediaType(response.getContentType())
                        .isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as("problem+json, not %s", response.getContentType())
                .isTrue();
        JsonNode problem = json.readTree(body);
        assertThat(problem.path("status").asInt()).as("status in the body").isEqualTo(c.status());
        assertThat(problem.path("detail").asString("")).as("detail").isNotBlank();
        String shown = withoutEchoes(body, result.getRequest());
        for (String internal : INTERNALS) {
            assertThat(lower(shown))
                    .as("problem body shows internals: %s", body)
                    .doesNotContain(lower(internal));
        }
        assertThat(tables()).as("tables after the refused request").isEqualTo(before);
    }

    /**
     * The body without the request's own values (a refusal may quote what it refuses), so that only
     * what the master adds is checked.
     */
    private String withoutEchoes(String body, MockHttpServletRequest request) {
        String text = json.readTree(body).toString();
        List<String> echoes = new ArrayList<>(List.of(request.getRequestURI()));
        request.getParameterMap()
                .values()
                .forEach(values -> Stream.of(values).filter(Objects::nonNull).forEach(echoes::add));
        byte[] content = request.getContentAsByteArray();
        if (content != null) {
            try {
                addValues(json.readTree(content), echoes);
            } catch (RuntimeException notJson) {
                // nothing of a body that is not JSON is quoted back
            }
        }
        for (String echo : echoes) {
            if (INTERNALS.stream().anyMatch(internal -> lower(echo).contains(lower(internal)))) {
                text = text.replace(json.writeValueAsString(echo).replaceAll("^\"|\"$", ""), "");
            }
        }
        return text;
    }

    /** Every value of the body, at any depth (a batch's tasks are objects inside an array). */
    private static void addValues(JsonNode node, List<String> echoes) {
        node.forEach(value -> {
            echoes.add(value.isString() ? value.asString() : value.toString());
            if (value.isContainer()) {
                addValues(value, echoes);
            }
        });
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** Row count and checksum of each table a refused request must leave alone. */
    Map<String, String> tables() {
        Map<String, String> state = new TreeMap<>(jdbc
                .queryForMap(TABLES.stream()
                        .map(table -> "(SELECT COUNT(*) FROM " + table + ") AS " + table)
                        .collect(Collectors.joining(", ", "SELECT ", "")))
                .entrySet()
                .stream()
                .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), e -> e.getValue() + " rows")));
        jdbc.query("CHECKSUM TABLE " + String.join(", ", TABLES), (java.sql.ResultSet row) -> {
            String table = row.getString("Table");
            String key = table.substring(table.indexOf('.') + 1);
            state.merge(key, ", checksum " + row.getString("Checksum"), String::concat);
        });
        return state;
    }
}
