package com.jm.job.bench;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * db-scheduler with its best settings ({@link DbSchedulerNode}) in its own JVM, on database {@code
 * dbsched_bench}; this process schedules through db-scheduler's {@link SchedulerClient}, as another
 * service of the same application would.
 */
final class DbSchedulerContender extends ContenderBase {

    static final String DATABASE = "dbsched_bench";
    private static final String PROCESS = "db-scheduler";

    /** db-scheduler's table for MySQL/MariaDB, as its documentation gives it. */
    private static final String TABLE = "CREATE TABLE scheduled_tasks ("
            + " task_name VARCHAR(100) NOT NULL,"
            + " task_instance VARCHAR(100) NOT NULL,"
            + " task_data BLOB,"
            + " execution_time TIMESTAMP(6) NOT NULL,"
            + " picked BOOLEAN NOT NULL,"
            + " picked_by VARCHAR(50),"
            + " last_success TIMESTAMP(6) NULL,"
            + " last_failure TIMESTAMP(6) NULL,"
            + " consecutive_failures INT,"
            + " last_heartbeat TIMESTAMP(6) NULL,"
            + " version BIGINT NOT NULL,"
            + " priority SMALLINT,"
            + " PRIMARY KEY (task_name, task_instance),"
            + " INDEX execution_time_idx (execution_time),"
            + " INDEX last_heartbeat_idx (last_heartbeat),"
            + " INDEX priority_execution_time_idx (priority DESC, execution_time ASC))";

    // Only its name and data type matter here: this process schedules, it never executes.
    private final OneTimeTask<Void> task = DbSchedulerNode.task(null);
    private ChildJvm process;
    private HikariDataSource clientPool;
    private SchedulerClient client;

    DbSchedulerContender(BenchOptions options, Database database, Path logDir) {
        super("db-scheduler", DATABASE, options, database, logDir);
    }

    @Override
    public void start() throws Exception {
        database.recreate(DATABASE);
        connection = database.connect(DATABASE);
        try (Statement statement = connection.createStatement()) {
            statement.execute(TABLE);
        }
        List<String> args = List.of(
                options.jdbcUrl(DATABASE),
                options.dbUser(),
                options.dbPassword(),
                String.valueOf(options.dbSchedulerThreads()),
                String.valueOf(options.dbSchedulerPolling().toMillis()));
        List<String> jvm = options.jfr()
                ? List.of(
                        "-Xms256m",
                        "-Xmx1g",
                        "-XX:StartFlightRecording=filename=" + logDir.resolve(PROCESS + ".jfr") + ",settings="
                                + options.jfrSettings())
                : List.of("-Xms256m", "-Xmx1g");
        process = ChildJvm.start(PROCESS, jvm, ChildJvm.mainClass(DbSchedulerNode.class, args), logDir, events::accept);
        clientPool = (HikariDataSource)
                DbSchedulerNode.dataSource(options.jdbcUrl(DATABASE), options.dbUser(), options.dbPassword(), 2);
        client = SchedulerClient.Builder.create(clientPool, task)
                .jdbcCustomization(DbSchedulerNode.jdbcCustomization())
                .build();
        Waits.until("db-scheduler to start", Duration.ofSeconds(120), () -> events.isReady(PROCESS), this::checkAlive);
    }

    @Override
    public void submitDue(int count, String prefix) throws Exception {
        inOneTransaction(() -> Database.insertRows(
                connection,
                "INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,"
                        + " version) VALUES",
                count,
                i -> "('" + DbSchedulerNode.TASK + "','" + prefix + i + "',NULL,NOW(6),0,1)"));
    }

    @Override
    public List<ChildJvm> jvms() {
        return List.of(process);
    }

    @Override
    public long unfinished() throws Exception {
        return Database.queryLong(connection, "SELECT COUNT(*) FROM scheduled_tasks");
    }

    @Override
    public boolean anyUnfinished() throws Exception {
        return Database.queryLong(connection, "SELECT EXISTS (SELECT 1 FROM scheduled_tasks)") > 0;
    }

    @Override
    public void trigger(String id) {
        client.schedule(task.instance(id), Instant.now());
    }

    @Override
    public String verify(long expected) throws Exception {
        long left = unfinished();
        events.awaitExecuted(expected, 5_000);
        long executed = events.executed();
        if (left == 0 && executed == expected) {
            return null;
        }
        return "expected " + expected + " executions; " + executed + " handler calls, " + left + " rows left";
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            process.close();
            process = null;
        }
        if (clientPool != null) {
            clientPool.close();
            clientPool = null;
        }
        closeConnection();
    }

    private void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(PROCESS + " exited; see " + logDir.resolve(PROCESS + ".log"));
        }
    }
}
