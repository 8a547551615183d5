package com.jm.job.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the database allows: plain JDBC claimers with no scheduler around them. Each claims up to
 * 100 due rows in one READ COMMITTED transaction ({@code SELECT … FOR UPDATE SKIP LOCKED} on an
 * index that serves the ORDER BY, then one {@code UPDATE … IN}), then completes them in a second
 * transaction (one set-based {@code UPDATE} and one multi-row {@code INSERT} of history rows). Two
 * commits per 100 executions: the same shape as jm-job's claim and finish, minus HTTP and the
 * per-run bookkeeping.
 */
final class JdbcLimit {

    static final String DATABASE = "jdbclimit_bench";
    private static final int BATCH = 100;

    private final BenchOptions options;
    private final Database database;

    JdbcLimit(BenchOptions options, Database database) {
        this.options = options;
        this.database = database;
    }

    Results.Throughput run() throws Exception {
        database.recreate(DATABASE);
        try (Connection connection = database.connect(DATABASE)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE limit_task (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                        + " name VARCHAR(128) NOT NULL, status TINYINT NOT NULL, due DATETIME(3) NOT NULL,"
                        + " started_at DATETIME(3) NULL, finished_at DATETIME(3) NULL,"
                        + " INDEX idx_claim (status, due))");
                statement.execute("CREATE TABLE limit_run (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                        + " task_id BIGINT NOT NULL, state VARCHAR(16) NOT NULL, started_at DATETIME(3) NOT NULL,"
                        + " finished_at DATETIME(3) NOT NULL, INDEX idx_run_task (task_id))");
            }
            insertDue(connection, options.warmup(), "w-");
            claimAll();
            insertDue(connection, options.tasks(), "t-");
            ServerCounters start = ServerCounters.read(connection);
            long cpu0 = CpuTime.millis(ProcessHandle.current());
            long db0 = CpuTime.databaseMillis();
            long t0 = System.nanoTime();
            long done = claimAll();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double thousands = options.tasks() / 1000.0;
            double cpu = (CpuTime.millis(ProcessHandle.current()) - cpu0) / thousands;
            double db = (CpuTime.databaseMillis() - db0) / thousands;
            ServerCounters end = ServerCounters.read(connection);
            Map<String, Double> cost = start.systemDeltaPer(end, options.tasks());
            long history = Database.queryLong(connection, "SELECT COUNT(*) FROM limit_run");
            String verified = done == options.tasks() && history == options.warmup() + options.tasks()
                    ? null
                    : "completed " + done + " of " + options.tasks() + ", " + history + " history rows";
            return new Results.Throughput(
                    options.tasks() / seconds,
                    seconds,
                    cost,
                    verified,
                    cpu,
                    db,
                    Map.of("benchmark", cpu),
                    Double.NaN); // in the benchmark's own JVM: its compilers are not told apart
        } finally {
            database.drop(DATABASE);
        }
    }

    private static void insertDue(Connection connection, int count, String prefix) throws Exception {
        Database.insertRows(
                connection,
                "INSERT INTO limit_task (name, status, due) VALUES",
                count,
                i -> "('" + prefix + i + "',1,NOW(3))");
    }

    /** Runs the claimer threads until no due row is left; how many rows they completed. */
    private long claimAll() throws Exception {
        AtomicLong completed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(options.jdbcThreads());
        try {
            List<Future<?>> claimers = new ArrayList<>();
            for (int i = 0; i < options.jdbcThreads(); i++) {
                claimers.add(pool.submit(() -> {
                    claimUntilEmpty(completed);
                    return null;
                }));
            }
            for (Future<?> claimer : claimers) {
                claimer.get();
            }
        } finally {
            pool.shutdown();
        }
        return completed.get();
    }

    private void claimUntilEmpty(AtomicLong completed) throws Exception {
        try (Connection connection = database.connect(DATABASE)) {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                while (true) {
                    List<Long> ids = new ArrayList<>();
                    try (ResultSet rows = statement.executeQuery("SELECT id FROM limit_task"
                            + " WHERE status = 1 AND due <= NOW(3) ORDER BY due, id LIMIT " + BATCH
                            + " FOR UPDATE SKIP LOCKED")) {
                        while (rows.next()) {
                            ids.add(rows.getLong(1));
                        }
                    }
                    if (ids.isEmpty()) {
                        connection.commit();
                        return;
                    }
                    String in = inList(ids);
                    statement.executeUpdate("UPDATE limit_task SET status = 2, started_at = NOW(3) WHERE id IN " + in);
                    connection.commit();
                    statement.executeUpdate("UPDATE limit_task SET status = 0, finished_at = NOW(3)"
                            + " WHERE status = 2 AND id IN " + in);
                    StringJoiner history = new StringJoiner(",");
                    for (Long id : ids) {
                        history.add("(" + id + ",'SUCCEEDED',NOW(3),NOW(3))");
                    }
                    statement.executeUpdate(
                            "INSERT INTO limit_run (task_id, state, started_at, finished_at) VALUES " + history);
                    connection.commit();
                    completed.addAndGet(ids.size());
                }
            }
        }
    }

    private static String inList(List<Long> ids) {
        StringJoiner in = new StringJoiner(",", "(", ")");
        ids.forEach(id -> in.add(String.valueOf(id)));
        return in.toString();
    }
}
