package com.jm.job.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.jdbc.MySQL8JdbcCustomization;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A db-scheduler instance with its best settings for many short one-time executions: lock-and-fetch
 * polling ({@code SELECT … FOR UPDATE SKIP LOCKED}), many executor threads, a short polling
 * interval. Started as its own JVM by the benchmark: {@code <jdbc url> <user> <password> <threads>
 * <polling millis>}. It runs until it is stopped.
 */
public final class DbSchedulerNode {

    /** The one-time task every benchmark execution is an instance of. */
    static final String TASK = "bench-noop";

    private DbSchedulerNode() {}

    /** The task definition; the benchmark's scheduling client needs the same one. */
    static OneTimeTask<Void> task(ExecutionCounter counter) {
        return Tasks.oneTime(TASK).execute((instance, context) -> counter.started(instance.getId()));
    }

    /**
     * MariaDB answers Connector/J as "5.5.5-10.11…", so db-scheduler would pick its MySQL 5.7
     * customization, which has no lock-and-fetch; MariaDB 10.6+ has SKIP LOCKED, so say MySQL 8.
     */
    static MySQL8JdbcCustomization jdbcCustomization() {
        return new MySQL8JdbcCustomization(true);
    }

    static DataSource dataSource(String url, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[3]);
        Duration polling = Duration.ofMillis(Long.parseLong(args[4]));
        // Executors plus the poller and the housekeeper, so no thread waits for a connection.
        DataSource dataSource = dataSource(args[0], args[1], args[2], threads + 4);
        ExecutionCounter counter = new ExecutionCounter("db-scheduler");
        Scheduler scheduler = Scheduler.create(dataSource, task(counter))
                .jdbcCustomization(jdbcCustomization())
                .threads(threads)
                .pollingInterval(polling)
                // Its documented high-throughput setting: refill when the queue falls to 1 × threads,
                // up to 4 × threads, so executor threads never wait for a poll.
                .pollUsingLockAndFetch(1.0, 4.0)
                .enableImmediateExecution()
                .registerShutdownHook()
                .build();
        scheduler.start();
        System.out.println(ChildJvm.MARK + "READY db-scheduler");
    }
}
