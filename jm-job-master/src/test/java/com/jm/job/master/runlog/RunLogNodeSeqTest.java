package com.jm.job.master.runlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jm.job.common.protocol.NodeApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Numbered run log batches through the node API on MariaDB: a batch sent again after a lost answer
 * is stored once, numbers missing are lines the node dropped, and unnumbered batches (nodes before
 * numbering) are appended as they were.
 */
class RunLogNodeSeqTest extends RunLogTestBase {

    @Test
    void theSameBatchSentTwiceIsStoredOnce() throws Exception {
        Map<String, Object> batch = numbered(runId, List.of(0L, 1L, 2L), 3);
        ship(batch);
        ship(batch);

        assertThat(texts(read())).containsExactly("line 0", "line 1", "line 2");
        assertThat(storedLines()).isEqualTo(3);
        assertThat(read().get("dropped").asLong()).isZero();
        assertThat(jdbc.queryForObject("SELECT log_node_seq FROM jm_task_run WHERE id = ?", Long.class, runId))
                .isEqualTo(3);
    }

    @Test
    void aResendWithLinesWrittenSinceStoresOnlyTheNewOnes() throws Exception {
        ship(numbered(runId, List.of(0L, 1L), 2));
        ship(numbered(runId, List.of(0L, 1L, 2L, 3L), 4));

        assertThat(texts(read())).containsExactly("line 0", "line 1", "line 2", "line 3");
        assertThat(read().get("lines").get(3).get("seq").asLong()).isEqualTo(3);
    }

    @Test
    void missingNumbersAreDroppedLinesMarkedWhereTheyWere() throws Exception {
        ship(numbered(runId, List.of(0L, 1L), 2));
        // 2-4 dropped before line 5, 6 after it: the node's own count is not used.
        Map<String, Object> batch = numbered(runId, List.of(5L), 7);
        batch.put("dropped", 99);
        ship(batch);

        JsonNode log = read();
        List<String> texts = texts(log);
        assertThat(texts).hasSize(5);
        assertThat(texts.subList(0, 2)).containsExactly("line 0", "line 1");
        assertThat(texts.get(2)).startsWith("[jm-job] 3 lines of this run were dropped on its node");
        assertThat(log.get("lines").get(2).get("marker").asBoolean()).isTrue();
        assertThat(texts.get(3)).isEqualTo("line 5");
        assertThat(texts.get(4)).startsWith("[jm-job] 1 lines of this run were dropped on its node");
        assertThat(log.get("dropped").asLong()).isEqualTo(4);
    }

    @Test
    void aBatchOfOnlyDropsIsCountedOnce() throws Exception {
        ship(numbered(runId, List.of(), 5));
        ship(numbered(runId, List.of(), 5));

        assertThat(texts(read())).singleElement().asString().startsWith("[jm-job] 5 lines of this run were dropped");
        assertThat(read().get("dropped").asLong()).isEqualTo(5);
    }

    @Test
    void aRunTwiceInOneCallIsTakenInOrder() throws Exception {
        ship(List.of(numbered(runId, List.of(0L, 1L), 2), numbered(runId, List.of(1L, 2L), 3)));

        assertThat(texts(read())).containsExactly("line 0", "line 1", "line 2");
    }

    @Test
    void unnumberedBatchesAreAppendedAsBefore() throws Exception {
        Map<String, Object> old = new LinkedHashMap<>();
        old.put("runId", runId);
        old.put("lines", List.of(line(0)));
        old.put("dropped", 2);
        ship(old);
        ship(old);

        List<String> texts = texts(read());
        assertThat(texts).hasSize(4);
        assertThat(texts.get(0)).startsWith("[jm-job] 2 lines of this run were dropped");
        assertThat(texts.get(1)).isEqualTo("line 0");
        assertThat(texts.get(3))
                .as("without numbers a batch sent again is stored again")
                .isEqualTo("line 0");
        assertThat(read().get("dropped").asLong()).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT log_node_seq FROM jm_task_run WHERE id = ?", Long.class, runId))
                .isNull();
    }

    @Test
    void countsOfDropsStopAtTheLargestNumberInsteadOfFailing() throws Exception {
        Map<String, Object> old = new LinkedHashMap<>();
        old.put("runId", runId);
        old.put("lines", List.of());
        old.put("dropped", Long.MAX_VALUE);
        ship(old);
        ship(old);
        ship(numbered(runId, List.of(), Long.MAX_VALUE));

        assertThat(read().get("dropped").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(storedLines()).isEqualTo(3);
    }

    private void ship(Map<String, Object> batch) throws Exception {
        ship(List.of(batch));
    }

    private void ship(List<Map<String, Object>> batches) throws Exception {
        nodes.call(NodeApi.LOGS, Map.of("nodeId", nodeId, "runs", batches)).andExpect(status().isNoContent());
    }

    private static Map<String, Object> numbered(long run, List<Long> seqs, long nextSeq) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (long seq : seqs) {
            Map<String, Object> line = new LinkedHashMap<>(line(seq));
            line.put("seq", seq);
            lines.add(line);
        }
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("runId", run);
        batch.put("lines", lines);
        batch.put("dropped", 0);
        batch.put("nextSeq", nextSeq);
        return batch;
    }

    private static Map<String, Object> line(long i) {
        return Map.of("at", "2026-12-01T10:00:00Z", "level", "INFO", "text", "line " + i);
    }

    private long storedLines() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM jm_run_log WHERE run_id = ?", Long.class, runId);
    }

    private JsonNode read() throws Exception {
        return read(runId, 0, 100);
    }
}
