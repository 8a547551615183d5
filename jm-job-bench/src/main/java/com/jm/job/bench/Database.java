package com.jm.job.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.StringJoiner;
import java.util.function.IntFunction;

/** The benchmark's own connections: recreating databases, observing progress, reading counters. */
final class Database {

    private static final int INSERT_CHUNK = 1_000;

    private final BenchOptions options;

    Database(BenchOptions options) {
        this.options = options;
    }

    /** A connection in UTC, as the master's sessions are, so {@code NOW(3)} means the same to both. */
    Connection connect(String database) throws SQLException {
        Connection connection =
                DriverManager.getConnection(options.jdbcUrl(database), options.dbUser(), options.dbPassword());
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '+00:00'");
        }
        return connection;
    }

    /** Drops and creates a database, so every repetition starts from empty tables. */
    void recreate(String database) throws SQLException {
        try (Connection connection = connect("");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
        }
    }

    void drop(String database) throws SQLException {
        try (Connection connection = connect("");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    /**
     * Inserts rows {@code 0..count-1} with multi-row INSERTs of 1,000 rows each, in the connection's
     * current transaction.
     *
     * @param insert the statement up to and including {@code VALUES}
     * @param row the SQL tuple of row {@code i}, for example {@code ('t-7',1,NOW(3))}
     */
    static void insertRows(Connection connection, String insert, int count, IntFunction<String> row)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (int from = 0; from < count; from += INSERT_CHUNK) {
                StringJoiner rows = new StringJoiner(",", insert + " ", "");
                for (int i = from; i < Math.min(count, from + INSERT_CHUNK); i++) {
                    rows.add(row.apply(i));
                }
                statement.executeUpdate(rows.toString());
            }
        }
    }

    static long queryLong(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static String queryText(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : "";
        }
    }
}
