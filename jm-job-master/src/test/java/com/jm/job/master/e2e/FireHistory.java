package com.jm.job.master.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A task's fires of several runs as the database holds them: each fire's record run (no node, the
 * fire's outcome) and the runs of its units, found by their fire id, so a fire that is still going
 * (whose runs are still on its unit rows) is read the same as one that ended.
 */
final class FireHistory {

    /** One row of {@code jm_task_run}. */
    record Run(
            long id,
            Long fireId,
            Long nodeId,
            Integer shardIndex,
            Integer shardTotal,
            int attempt,
            String state,
            String message,
            LocalDateTime scheduledAt,
            LocalDateTime startedAt,
            LocalDateTime finishedAt) {}

    /**
     * A fire: its record run and its units' runs, in id order.
     *
     * @param record the fire's own run row, whose state is the fire's
     * @param runs the runs of its units
     */
    record Fire(Run record, List<Run> runs) {

        /** The runs by shard index (for a broadcast: by the node's position), in index order. */
        Map<Integer, List<Run>> byShard() {
            return runs.stream().collect(Collectors.groupingBy(Run::shardIndex, TreeMap::new, Collectors.toList()));
        }

        /** The runs by node id. */
        Map<Long, List<Run>> byNode() {
            return runs.stream().collect(Collectors.groupingBy(Run::nodeId, TreeMap::new, Collectors.toList()));
        }

        String state() {
            return record.state();
        }
    }

    private static final String COLUMNS =
            "id, fire_id, node_id, shard_index, shard_total, attempt, state, message, scheduled_at, started_at,"
                    + " finished_at";
    /** A fire's record run: no node, no fire of its own, and a run count (a SKIPPED row has none). */
    private static final String IS_FIRE_RECORD = "fire_id IS NULL AND node_id IS NULL AND shard_total IS NOT NULL";

    private FireHistory() {}

    /** The task's fires, oldest first, each with its runs. */
    static List<Fire> of(JdbcTemplate jdbc, long task) {
        List<Run> records = jdbc.query(
                "SELECT " + COLUMNS + " FROM jm_task_run WHERE task_id = ? AND " + IS_FIRE_RECORD + " ORDER BY id",
                FireHistory::run,
                task);
        Map<Long, List<Run>> runs = jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM jm_task_run WHERE fire_id IN (SELECT id FROM jm_task_run"
                                + " WHERE task_id = ? AND " + IS_FIRE_RECORD + ") ORDER BY id",
                        FireHistory::run,
                        task)
                .stream()
                .collect(Collectors.groupingBy(Run::fireId));
        return records.stream()
                .map(r -> new Fire(r, runs.getOrDefault(r.id(), List.of())))
                .toList();
    }

    /** How many of the task's fires have ended. */
    static long ended(JdbcTemplate jdbc, long task) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM jm_task_run WHERE task_id = ? AND " + IS_FIRE_RECORD + " AND state <> 'RUNNING'",
                Long.class,
                task);
    }

    /** How many of the task's fires ended in {@code state}. */
    static long ended(JdbcTemplate jdbc, long task, String state) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM jm_task_run WHERE task_id = ? AND " + IS_FIRE_RECORD + " AND state = ?",
                Long.class,
                task,
                state);
    }

    /**
     * The nodes' own records agree with the master's: each run recorded for {@code fires} was
     * executed once, on the node it names, as the shard (of {@code shardTotal}) and attempt it
     * names, and the handlers executed nothing else.
     */
    static void assertExecutedAsRecorded(
            List<Fire> fires, Map<String, Long> nodes, List<RecordingHandler.Call> calls, int shardTotal) {
        assertThat(calls.stream().map(RecordingHandler.Call::runId))
                .as("runs executed twice")
                .doesNotHaveDuplicates();
        Map<Long, RecordingHandler.Call> byRun =
                calls.stream().collect(Collectors.toMap(RecordingHandler.Call::runId, c -> c));
        List<Run> recorded = fires.stream().flatMap(f -> f.runs().stream()).toList();
        assertThat(byRun.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        recorded.stream().map(Run::id).toList());
        assertThat(recorded).allSatisfy(run -> {
            RecordingHandler.Call call = byRun.get(run.id());
            assertThat(nodes.get(call.node())).isEqualTo(run.nodeId());
            assertThat(call.shardIndex()).isEqualTo(run.shardIndex());
            assertThat(call.shardTotal()).isEqualTo(shardTotal);
            assertThat(call.attempt()).isEqualTo(run.attempt());
        });
    }

    /** Node ids by instance name. */
    static Map<String, Long> nodeIds(JdbcTemplate jdbc) {
        return jdbc
                .query("SELECT instance, id FROM jm_node", (rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Run run(ResultSet rs, int row) throws SQLException {
        return new Run(
                rs.getLong("id"),
                rs.getObject("fire_id", Long.class),
                rs.getObject("node_id", Long.class),
                rs.getObject("shard_index", Integer.class),
                rs.getObject("shard_total", Integer.class),
                rs.getInt("attempt"),
                rs.getString("state"),
                rs.getString("message"),
                rs.getObject("scheduled_at", LocalDateTime.class),
                rs.getObject("started_at", LocalDateTime.class),
                rs.getObject("finished_at", LocalDateTime.class));
    }
}
