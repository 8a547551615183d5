package com.jm.job.master.runlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.common.protocol.NodeApi;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Run logs through the node API and the operators' API on MariaDB: lines are stored in order and
 * read from an offset, capped per run with a marker, and hostile text comes back as the data it was.
 */
class RunLogApiTest extends RunLogTestBase {

    @Test
    void linesAreReadFromAnOffsetWhileTheRunRunsAndRunningTurnsFalseWhenItEnds() throws Exception {
        ship(runId, lines(0, 3), 0);

        JsonNode first = read(runId, 0, 2);
        assertThat(texts(first)).containsExactly("line 0", "line 1");
        assertThat(first.get("nextOffset").asLong()).isEqualTo(2);
        assertThat(first.get("running").asBoolean()).isTrue();
        assertThat(first.get("lines").get(0).get("level").asString()).isEqualTo("INFO");
        assertThat(first.get("lines").get(0).get("at").asString()).isEqualTo("2026-12-01T10:00:00.005Z");

        JsonNode rest = read(runId, 2, 100);
        assertThat(texts(rest)).containsExactly("line 2");
        JsonNode nothingYet = read(runId, 3, 100);
        assertThat(nothingYet.get("lines")).isEmpty();
        assertThat(nothingYet.get("nextOffset").asLong())
                .as("the same offset again")
                .isEqualTo(3);

        ship(runId, lines(3, 2), 0);
        nodes.finish(nodeId, runId, "SUCCEEDED", "done");

        JsonNode after = read(runId, 3, 100);
        assertThat(texts(after)).containsExactly("line 3", "line 4");
        assertThat(after.get("lines").get(0).get("seq").asLong()).isEqualTo(3);
        assertThat(after.get("running").asBoolean()).isFalse();
        assertThat(after.get("dropped").asLong()).isZero();
    }

    @Test
    void aRunThatWrites10000LinesKeepsTheCapWithAMarkerLastAndCountsTheRest() throws Exception {
        for (int batch = 0; batch < 10; batch++) {
            ship(runId, lines(batch * 1000, 1000), 0);
        }

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_run_log WHERE run_id = ?", Long.class, runId))
                .isEqualTo(5000);
        JsonNode tail = read(runId, 4998, 100);
        assertThat(texts(tail)).hasSize(2);
        assertThat(texts(tail).get(0)).isEqualTo("line 4998");
        JsonNode marker = tail.get("lines").get(1);
        assertThat(marker.get("seq").asLong()).isEqualTo(4999);
        assertThat(marker.get("marker").asBoolean()).isTrue();
        assertThat(marker.get("level").asString()).isEqualTo("WARN");
        assertThat(marker.get("text").asString()).contains("reached its cap").contains("5000 lines");
        assertThat(tail.get("nextOffset").asLong()).isEqualTo(5000);
        assertThat(tail.get("dropped").asLong())
                .as("10,000 written, 4,999 kept")
                .isEqualTo(5001);
        assertThat(read(runId, 0, 1).get("lines").get(0).get("marker").asBoolean())
                .isFalse();
    }

    @Test
    void linesTheNodeDroppedAreMarkedWhereTheyWouldHaveBeen() throws Exception {
        ship(runId, lines(0, 1), 0);
        ship(runId, lines(1, 1), 42);

        JsonNode log = read(runId, 0, 10);
        assertThat(texts(log).get(0)).isEqualTo("line 0");
        assertThat(texts(log).get(1)).startsWith("[jm-job] 42 lines of this run were dropped on its node");
        assertThat(log.get("lines").get(1).get("marker").asBoolean()).isTrue();
        assertThat(texts(log).get(2)).isEqualTo("line 1");
        assertThat(log.get("dropped").asLong()).isEqualTo(42);
    }

    @Test
    void hostileTextIsStoredAndReturnedAsData() throws Exception {
        List<String> hostile = List.of(
                "nul \u0000 bell \u0007 escape \u001b[31m red",
                "<script>alert(1)</script> ' OR 1=1; DROP TABLE jm_run_log; --",
                "rtl \u202E override, emoji 🚀, CJK 日志",
                "tab\tcr\rlf\nend",
                "${jndi:ldap://x/a} #{1+1}");
        List<Map<String, Object>> sent = new ArrayList<>();
        hostile.forEach(text -> sent.add(line(text)));
        sent.add(line("x".repeat(100_000)));
        ship(runId, sent, 0);
        // A lone surrogate can only travel as a JSON escape; it cannot be stored, so it becomes U+FFFD.
        String raw = "{\"nodeId\":" + nodeId + ",\"runs\":[{\"runId\":" + runId
                + ",\"lines\":[{\"at\":\"2026-12-01T10:00:00Z\",\"level\":\"ERROR\",\"text\":\"half \\uD800 pair\"}],\"dropped\":0}]}";
        nodes.raw(NodeApi.LOGS, nodeId, raw).andExpect(status().isNoContent());

        List<String> back = texts(read(runId, 0, 100));
        assertThat(back.subList(0, hostile.size())).containsExactlyElementsOf(hostile);
        assertThat(back.get(hostile.size()))
                .hasSize(NodeApi.MAX_LOG_LINE_LENGTH)
                .endsWith("…");
        assertThat(back.get(hostile.size() + 1)).isEqualTo("half \uFFFD pair");
    }

    @Test
    void aViewerMayReadALogAndAnUnknownRunIs404() throws Exception {
        ship(runId, lines(0, 1), 0);

        String body = mvc.perform(get("/api/runs/{id}/log", runId).with(viewer()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(texts(json.readTree(body))).containsExactly("line 0");
        mvc.perform(get("/api/runs/{id}/log", runId + 1000).with(viewer())).andExpect(status().isNotFound());
    }

    private void ship(long run, List<Map<String, Object>> lines, long dropped) throws Exception {
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("runId", run);
        batch.put("lines", lines);
        batch.put("dropped", dropped);
        nodes.call(NodeApi.LOGS, Map.of("nodeId", nodeId, "runs", List.of(batch)))
                .andExpect(status().isNoContent());
    }

    private static List<Map<String, Object>> lines(int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(i -> Map.<String, Object>of(
                        "at", "2026-12-01T10:00:00.00" + (5 + i % 5) + "Z", "level", "INFO", "text", "line " + i))
                .toList();
    }

    private static Map<String, Object> line(String text) {
        return Map.of("at", "2026-12-01T10:00:00Z", "level", "WARN", "text", text);
    }
}
