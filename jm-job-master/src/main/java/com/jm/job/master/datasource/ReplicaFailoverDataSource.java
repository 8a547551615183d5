package com.jm.job.master.datasource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The read-only side of the read/write split: spreads connections over the replicas in turn and,
 * when a replica cannot be reached, skips it for a while and serves the read from the next one or,
 * at last, from the primary. A read never fails because a replica is down.
 */
public class ReplicaFailoverDataSource extends AbstractDataSource {

    private static final Logger log = LoggerFactory.getLogger(ReplicaFailoverDataSource.class);

    private static final int VALIDATION_TIMEOUT_SECONDS = 1;

    private final List<Replica> replicas;
    private final DataSource primary;
    private final Clock clock;
    private final Duration retryAfter;
    private final AtomicInteger next = new AtomicInteger();

    public ReplicaFailoverDataSource(List<DataSource> replicas, DataSource primary, Clock clock, Duration retryAfter) {
        this.replicas = replicas.stream().map(Replica::new).toList();
        this.primary = primary;
        this.clock = clock;
        this.retryAfter = retryAfter;
    }

    @Override
    public Connection getConnection() throws SQLException {
        int start = Math.floorMod(next.getAndIncrement(), replicas.size());
        Instant now = clock.instant();
        for (int i = 0; i < replicas.size(); i++) {
            Replica replica = replicas.get((start + i) % replicas.size());
            if (replica.skippedAt(now)) {
                continue;
            }
            try {
                Connection connection = replica.dataSource.getConnection();
                // A pooled connection to a replica that just stopped still looks open; one ping
                // here costs less than a failed read.
                if (connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                    replica.markUp();
                    return connection;
                }
                connection.close();
                replica.markDown(now.plus(retryAfter), new SQLException("connection failed validation"));
            } catch (SQLException e) {
                replica.markDown(now.plus(retryAfter), e);
            }
        }
        return primary.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("the replica pool uses its configured credentials");
    }

    private static final class Replica {

        private final DataSource dataSource;
        private final AtomicReference<Instant> downUntil = new AtomicReference<>();

        Replica(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        boolean skippedAt(Instant now) {
            Instant until = downUntil.get();
            return until != null && now.isBefore(until);
        }

        void markDown(Instant until, SQLException cause) {
            // Log only the transition, not every skipped read while it stays down.
            if (downUntil.getAndSet(until) == null) {
                log.warn("Replica unreachable, reading from the next replica or the primary: {}", cause.getMessage());
            }
        }

        void markUp() {
            if (downUntil.getAndSet(null) != null) {
                log.info("Replica reachable again, reads go back to it");
            }
        }
    }
}
