package com.jm.job.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** What every contender shares: its settings, the benchmark's connection, where its JVMs log. */
abstract class ContenderBase implements Contender {

    protected final BenchOptions options;
    protected final Database database;
    protected final Path logDir;
    protected final HandlerEvents events = new HandlerEvents();
    protected Connection connection;
    private final String name;
    private final String databaseName;

    ContenderBase(String name, String databaseName, BenchOptions options, Database database, Path logDir) {
        this.name = name;
        this.databaseName = databaseName;
        this.options = options;
        this.database = database;
        this.logDir = logDir;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String database() {
        return databaseName;
    }

    @Override
    public Connection benchConnection() {
        return connection;
    }

    @Override
    public HandlerEvents events() {
        return events;
    }

    interface SqlWork {
        void run() throws SQLException;
    }

    /** Runs the work on the benchmark's connection in one transaction: all of it visible at once. */
    protected void inOneTransaction(SqlWork work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    protected void closeConnection() throws SQLException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
