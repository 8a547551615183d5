package com.jm.job.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Snapshots of the server's statement and commit counters. The global counters include the
 * benchmark's own statements (inserting the tasks, watching progress, these snapshots), so each
 * snapshot also reads the benchmark session's counters, and {@link #systemDelta} subtracts them:
 * what is left is what the scheduler under test (plus any other traffic on the server) cost.
 */
final class ServerCounters {

    /** Counters the report shows; Questions counts every statement a client sent (round trips). */
    static final List<String> NAMES = List.of(
            "Questions",
            "Com_select",
            "Com_insert",
            "Com_update",
            "Com_update_multi",
            "Com_delete",
            "Com_set_option",
            "Com_commit",
            "Com_rollback",
            "Handler_commit",
            "Handler_read_key",
            "Handler_update",
            "Handler_write",
            "Innodb_data_fsyncs");

    private final Map<String, Long> global;
    private final Map<String, Long> session;

    private final long nanos = System.nanoTime();

    private ServerCounters(Map<String, Long> global, Map<String, Long> session) {
        this.global = global;
        this.session = session;
    }

    /** When the snapshot was taken ({@code System.nanoTime}). */
    long nanos() {
        return nanos;
    }

    static ServerCounters read(Connection connection) throws SQLException {
        Map<String, Long> session = read(connection, "SESSION");
        Map<String, Long> global = read(connection, "GLOBAL");
        return new ServerCounters(global, session);
    }

    /** Global counters moved between the snapshots, minus what the benchmark session did itself. */
    /** {@link #systemDelta} divided by {@code units}: per execution, per second. */
    Map<String, Double> systemDeltaPer(ServerCounters later, double units) {
        Map<String, Double> per = new LinkedHashMap<>();
        systemDelta(later).forEach((name, delta) -> per.put(name, delta / units));
        return per;
    }

    Map<String, Long> systemDelta(ServerCounters later) {
        Map<String, Long> delta = new LinkedHashMap<>();
        for (String name : NAMES) {
            long global = later.global.getOrDefault(name, 0L) - this.global.getOrDefault(name, 0L);
            long own = later.session.getOrDefault(name, 0L) - this.session.getOrDefault(name, 0L);
            // Session scope has no fsync counter: log writes are the server's, not a session's.
            delta.put(name, name.startsWith("Innodb_") ? global : global - own);
        }
        return delta;
    }

    private static Map<String, Long> read(Connection connection, String scope) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        String in = String.join("','", NAMES);
        try (Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SHOW " + scope + " STATUS WHERE Variable_name IN ('" + in + "')")) {
            while (rows.next()) {
                values.put(rows.getString(1), rows.getLong(2));
            }
        }
        return values;
    }
}
