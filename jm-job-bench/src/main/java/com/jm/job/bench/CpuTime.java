package com.jm.job.bench;

import java.time.Duration;
import java.util.Optional;

/**
 * CPU time processes have used so far. On a shared 2-core machine wall-clock throughput swings with
 * other people's builds; the CPU each side spends per execution does not, and says where the time
 * goes (the scheduler's JVMs or the database server).
 */
final class CpuTime {

    private CpuTime() {}

    /** CPU milliseconds the process has used, or 0 when the platform does not say. */
    static long millis(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    /** CPU milliseconds of the local MariaDB/MySQL server, or 0 when it is not a local process. */
    static long databaseMillis() {
        return databaseServer().map(CpuTime::millis).orElse(0L);
    }

    private static Optional<ProcessHandle> databaseServer() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .command()
                        .map(c -> c.endsWith("/mariadbd") || c.endsWith("/mysqld"))
                        .orElse(false))
                .findFirst();
    }
}
