package com.jm.job.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the checks read: the tasks, runs and disables from the primary, and every handler execution
 * from the nodes' journals. Nothing here comes from the harness's own bookkeeping.
 */
final class Evidence {

    /**
     * A task row as the run left it; {@code nextFireTime}, {@code fireSlot} and {@code pendingCause}
     * show a fire that was pending or due when its task was disabled.
     */
    record Task(
            long id,
            String name,
            int status,
            boolean disabled,
            String cron,
            Long fixedRateMs,
            Long runAt,
            long createdAt,
            String mode,
            int shards,
            Long unitOf,
            Long nextFireTime,
            Long fireSlot,
            String pendingCause) {
        String kind() {
            return name.substring(0, name.indexOf('-'));
        }

        boolean recurring() {
            return cron != null || fixedRateMs != null;
        }
    }

    record Run(
            long id,
            long taskId,
            Long nodeId,
            int attempt,
            String trigger,
            String state,
            Long scheduledAt,
            Long startedAt,
            Long finishedAt,
            Long fireId,
            Integer shardIndex,
            Integer shardTotal,
            String message) {
        boolean fireRecord() {
            return nodeId == null && shardTotal != null && fireId == null;
        }
    }

    /** One handler execution, from its START line to its END line or the death of its JVM. */
    static final class Execution {
        final long runId;
        final long taskId;
        final String node;
        final long start;
        final String incarnation;
        /** The fencing token the handler was given ({@code JobContext.fencingToken()}). */
        final long token;

        String outcome = "KILLED";
        long lastEffect;

        Execution(long runId, long taskId, String node, long start, String incarnation, long token) {
            this.runId = runId;
            this.token = token;
            this.taskId = taskId;
            this.node = node;
            this.start = start;
            this.incarnation = incarnation;
            this.lastEffect = start;
        }

        @Override
        public String toString() {
            return "run " + runId + " on " + node + " [" + start + " .. " + lastEffect + "] " + outcome;
        }
    }

    final Map<Long, Task> tasks = new LinkedHashMap<>();
    final Map<Long, Run> runs = new LinkedHashMap<>();
    final Map<Long, Long> disabledAt = new HashMap<>();
    final List<Execution> executions = new ArrayList<>();
    final List<String> anomalies = new ArrayList<>();
    final Map<String, String> nodeNames = new HashMap<>();

    static Evidence read(ChaosOptions options, List<Path> journals) throws SQLException, IOException {
        Evidence e = new Evidence();
        try (Connection c = DriverManager.getConnection(options.primaryJdbc(), "root", "");
                Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            try (ResultSet r = s.executeQuery("SELECT id, name, status, disable, cron, fixed_rate_ms, " + ms("run_at")
                    + ", " + ms("created_at") + ", run_mode, shards, unit_of, " + ms("next_fire_time") + ", "
                    + ms("fire_slot")
                    + ", pending_cause FROM jm_task")) {
                while (r.next()) {
                    e.tasks.put(
                            r.getLong(1),
                            new Task(
                                    r.getLong(1),
                                    r.getString(2),
                                    r.getInt(3),
                                    r.getInt(4) == 1,
                                    r.getString(5),
                                    (Long) r.getObject(6, Long.class),
                                    (Long) r.getObject(7, Long.class),
                                    r.getLong(8),
                                    r.getString(9),
                                    r.getInt(10),
                                    (Long) r.getObject(11, Long.class),
                                    (Long) r.getObject(12, Long.class),
                                    (Long) r.getObject(13, Long.class),
                                    r.getString(14)));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT id, task_id, node_id, attempt, trigger_type, state, "
                    + ms("scheduled_at") + ", " + ms("started_at") + ", " + ms("finished_at")
                    + ", fire_id, shard_index, shard_total, message FROM jm_task_run ORDER BY id")) {
                while (r.next()) {
                    e.runs.put(
                            r.getLong(1),
                            new Run(
                                    r.getLong(1),
                                    r.getLong(2),
                                    r.getObject(3, Long.class),
                                    r.getInt(4),
                                    r.getString(5),
                                    r.getString(6),
                                    r.getObject(7, Long.class),
                                    r.getObject(8, Long.class),
                                    r.getObject(9, Long.class),
                                    r.getObject(10, Long.class),
                                    r.getObject(11, Integer.class),
                                    r.getObject(12, Integer.class),
                                    r.getString(13)));
                }
            }
            // When each disable returned: the audit row is written when the request is answered.
            try (ResultSet r = s.executeQuery("SELECT target_id, MIN(" + ms("at") + ") FROM jm_audit"
                    + " WHERE action LIKE '%isable%' AND target_type = 'TASK' AND outcome BETWEEN 200 AND 299"
                    + " GROUP BY target_id")) {
                while (r.next()) {
                    e.disabledAt.put(r.getLong(1), r.getLong(2));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT id, instance FROM jm_node")) {
                while (r.next()) {
                    e.nodeNames.put(String.valueOf(r.getLong(1)), r.getString(2));
                }
            }
        }
        for (Path journal : journals) {
            e.readJournal(journal);
        }
        return e;
    }

    private static String ms(String column) {
        return "CAST(ROUND(UNIX_TIMESTAMP(" + column + ") * 1000) AS SIGNED)";
    }

    private void readJournal(Path file) throws IOException {
        if (!Files.exists(file)) {
            anomalies.add("journal " + file.getFileName() + " missing");
            return;
        }
        Map<Long, Execution> open = new HashMap<>();
        String incarnation = file.getFileName() + "#0";
        int count = 0;
        long lastLine = 0;
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\t");
            Map<String, String> f = new HashMap<>();
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                if (eq > 0) {
                    f.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
                }
            }
            if (!f.containsKey("at")) {
                // A line cut short by a SIGKILL in the middle of its write.
                continue;
            }
            long at = Long.parseLong(f.get("at"));
            switch (parts[0]) {
                case "NODE" -> {
                    closeKilled(open, lastLine);
                    incarnation = file.getFileName() + "#" + (++count) + " pid " + f.get("pid");
                }
                case "START" -> {
                    Execution x = new Execution(
                            Long.parseLong(f.get("run")),
                            Long.parseLong(f.get("task")),
                            f.get("node"),
                            at,
                            incarnation,
                            Long.parseLong(f.getOrDefault("token", "-1")));
                    if (open.put(x.runId, x) != null) {
                        anomalies.add("run " + x.runId + " started twice on " + x.node);
                    }
                    executions.add(x);
                }
                case "END" -> {
                    Execution x = open.remove(Long.parseLong(f.get("run")));
                    if (x == null) {
                        anomalies.add("END without START: " + line);
                    } else {
                        x.outcome = f.get("outcome");
                        x.lastEffect = Long.parseLong(f.get("lastEffect"));
                    }
                }
                default -> {}
            }
            lastLine = Math.max(lastLine, at);
        }
        closeKilled(open, lastLine);
    }

    /** Executions of a JVM that died: their last effect was no later than its last line plus a tick. */
    private static void closeKilled(Map<Long, Execution> open, long lastLine) {
        for (Execution x : open.values()) {
            x.lastEffect = Math.max(x.start, lastLine + ChaosNode.TICK_MILLIS);
        }
        open.clear();
    }
}
