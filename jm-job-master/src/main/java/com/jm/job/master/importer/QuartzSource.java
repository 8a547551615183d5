package com.jm.job.master.importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads one scheduler of a Quartz JDBC job store, read-only ({@link SourceConnection}): the tables
 * {@code <prefix>JOB_DETAILS}, {@code TRIGGERS}, {@code CRON_TRIGGERS}, {@code SIMPLE_TRIGGERS} and
 * {@code PAUSED_TRIGGER_GRPS}. Their names are looked up in the database's catalogue, in any case
 * (Quartz's scripts write them upper case, some installations lower), so a prefix given wrong is
 * reported as such rather than as a SQL error.
 */
public final class QuartzSource {

    /** Quartz's {@code org.quartz.jobStore.tablePrefix} default. */
    public static final String DEFAULT_PREFIX = "QRTZ_";

    static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_$]{0,64}");
    private static final List<String> TABLES =
            List.of("JOB_DETAILS", "TRIGGERS", "CRON_TRIGGERS", "SIMPLE_TRIGGERS", "PAUSED_TRIGGER_GRPS");

    private QuartzSource() {}

    /**
     * @param prefix the job store's table prefix
     * @param scheduler the {@code SCHED_NAME} to read, or {@code null} for the only one there is
     * @throws RefusedSourceException when the tables or the scheduler are not there, or it cannot be read
     */
    public static QuartzSnapshot read(SourceUrl url, String user, String password, String prefix, String scheduler) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new RefusedSourceException("table prefix '" + prefix + "' may hold only letters, digits, _ and $");
        }
        try (Connection connection = SourceConnection.open(url, user, password)) {
            Map<String, String> tables = tables(connection, prefix, url);
            String name = scheduler(connection, tables, scheduler);
            return new QuartzSnapshot(
                    name,
                    jobs(connection, tables, name),
                    triggers(connection, tables, name),
                    paused(connection, tables, name));
        } catch (SQLException e) {
            throw new RefusedSourceException(
                    "cannot read the Quartz job store at " + url.display() + ": " + e.getMessage());
        }
    }

    /** The tables' names as the server spells them, by their name without prefix. */
    private static Map<String, String> tables(Connection connection, String prefix, SourceUrl url) throws SQLException {
        Map<String, String> byUpper = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String table = rows.getString(1);
                byUpper.put(table.toUpperCase(Locale.ROOT), table);
            }
        }
        Map<String, String> tables = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String table : TABLES) {
            String found = byUpper.get((prefix + table).toUpperCase(Locale.ROOT));
            if (found == null) {
                missing.add(prefix + table);
            } else {
                tables.put(table, "`" + found + "`");
            }
        }
        if (!missing.isEmpty()) {
            throw new RefusedSourceException("no Quartz job store at " + url.display() + ": it has no table "
                    + String.join(", ", missing) + " (is the table prefix '" + prefix + "' right? --table-prefix)");
        }
        return tables;
    }

    private static String scheduler(Connection connection, Map<String, String> tables, String wanted)
            throws SQLException {
        Set<String> names = new TreeSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT SCHED_NAME FROM "
                        + tables.get("JOB_DETAILS") + " UNION SELECT DISTINCT SCHED_NAME FROM "
                        + tables.get("TRIGGERS"));
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        if (wanted != null) {
            if (!names.contains(wanted)) {
                throw new RefusedSourceException("the job store has no scheduler '" + wanted + "'; it has "
                        + (names.isEmpty() ? "none" : String.join(", ", names)));
            }
            return wanted;
        }
        if (names.isEmpty()) {
            throw new RefusedSourceException("the job store holds no jobs");
        }
        if (names.size() > 1) {
            throw new RefusedSourceException("the job store holds the schedulers " + String.join(", ", names)
                    + ": choose one with --sched-name");
        }
        return names.iterator().next();
    }

    private static List<QuartzSnapshot.Job> jobs(Connection connection, Map<String, String> tables, String scheduler)
            throws SQLException {
        List<QuartzSnapshot.Job> jobs = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT JOB_NAME, JOB_GROUP, DESCRIPTION,"
                + " JOB_CLASS_NAME, IS_NONCONCURRENT, IS_UPDATE_DATA, REQUESTS_RECOVERY, JOB_DATA FROM "
                + tables.get("JOB_DETAILS") + " WHERE SCHED_NAME = ? ORDER BY JOB_GROUP, JOB_NAME")) {
            select.setString(1, scheduler);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    jobs.add(new QuartzSnapshot.Job(
                            rows.getString("JOB_NAME"),
                            rows.getString("JOB_GROUP"),
                            rows.getString("DESCRIPTION"),
                            rows.getString("JOB_CLASS_NAME"),
                            rows.getBoolean("IS_NONCONCURRENT"),
                            rows.getBoolean("IS_UPDATE_DATA"),
                            rows.getBoolean("REQUESTS_RECOVERY"),
                            rows.getBytes("JOB_DATA")));
                }
            }
        }
        return jobs;
    }

    private static List<QuartzSnapshot.Trigger> triggers(
            Connection connection, Map<String, String> tables, String scheduler) throws SQLException {
        List<QuartzSnapshot.Trigger> triggers = new ArrayList<>();
        String join = " ON x.SCHED_NAME = t.SCHED_NAME AND x.TRIGGER_NAME = t.TRIGGER_NAME"
                + " AND x.TRIGGER_GROUP = t.TRIGGER_GROUP";
        try (PreparedStatement select = connection.prepareStatement("SELECT t.TRIGGER_NAME, t.TRIGGER_GROUP,"
                + " t.JOB_NAME, t.JOB_GROUP, t.DESCRIPTION, t.NEXT_FIRE_TIME, t.PRIORITY, t.TRIGGER_STATE,"
                + " t.TRIGGER_TYPE, t.START_TIME, t.END_TIME, t.CALENDAR_NAME, t.MISFIRE_INSTR, t.JOB_DATA,"
                + " c.CRON_EXPRESSION, c.TIME_ZONE_ID, s.REPEAT_COUNT, s.REPEAT_INTERVAL, s.TIMES_TRIGGERED"
                + " FROM " + tables.get("TRIGGERS") + " t"
                + " LEFT JOIN " + tables.get("CRON_TRIGGERS") + " c" + join.replace("x.", "c.")
                + " LEFT JOIN " + tables.get("SIMPLE_TRIGGERS") + " s" + join.replace("x.", "s.")
                + " WHERE t.SCHED_NAME = ? ORDER BY t.TRIGGER_GROUP, t.TRIGGER_NAME")) {
            select.setString(1, scheduler);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    triggers.add(trigger(rows));
                }
            }
        }
        return triggers;
    }

    private static QuartzSnapshot.Trigger trigger(ResultSet rows) throws SQLException {
        QuartzSnapshot.Cron cron = rows.getString("CRON_EXPRESSION") == null
                ? null
                : new QuartzSnapshot.Cron(rows.getString("CRON_EXPRESSION"), rows.getString("TIME_ZONE_ID"));
        long repeatCount = rows.getLong("REPEAT_COUNT");
        QuartzSnapshot.Simple simple = rows.wasNull()
                ? null
                : new QuartzSnapshot.Simple(
                        repeatCount, rows.getLong("REPEAT_INTERVAL"), rows.getLong("TIMES_TRIGGERED"));
        long next = rows.getLong("NEXT_FIRE_TIME");
        Long nextFire = rows.wasNull() || next < 0 ? null : next;
        long end = rows.getLong("END_TIME");
        Long endTime = rows.wasNull() || end <= 0 ? null : end;
        return new QuartzSnapshot.Trigger(
                rows.getString("TRIGGER_NAME"),
                rows.getString("TRIGGER_GROUP"),
                rows.getString("JOB_NAME"),
                rows.getString("JOB_GROUP"),
                rows.getString("DESCRIPTION"),
                nextFire,
                rows.getInt("PRIORITY"),
                rows.getString("TRIGGER_STATE"),
                rows.getString("TRIGGER_TYPE"),
                rows.getLong("START_TIME"),
                endTime,
                rows.getString("CALENDAR_NAME"),
                rows.getInt("MISFIRE_INSTR"),
                rows.getBytes("JOB_DATA"),
                cron,
                simple);
    }

    private static Set<String> paused(Connection connection, Map<String, String> tables, String scheduler)
            throws SQLException {
        Set<String> groups = new LinkedHashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT TRIGGER_GROUP FROM " + tables.get("PAUSED_TRIGGER_GRPS") + " WHERE SCHED_NAME = ?")) {
            select.setString(1, scheduler);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    groups.add(rows.getString(1));
                }
            }
        }
        return Set.copyOf(groups);
    }
}
