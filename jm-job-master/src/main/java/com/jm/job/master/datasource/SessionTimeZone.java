package com.jm.job.master.datasource;

import java.util.Optional;

/**
 * Every session of the master runs in UTC, so the times the database computes with {@code NOW(3)}
 * and the times the master binds or reads are all UTC whatever the server's own zone.
 */
final class SessionTimeZone {

    private SessionTimeZone() {}

    /** The statement that puts a new connection to {@code jdbcUrl} in UTC, if the product needs one. */
    static Optional<String> initSql(String jdbcUrl) {
        if (jdbcUrl == null) {
            return Optional.empty();
        }
        if (jdbcUrl.startsWith("jdbc:mysql:") || jdbcUrl.startsWith("jdbc:mariadb:")) {
            return Optional.of("SET time_zone = '+00:00'");
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return Optional.of("SET TIME ZONE 'UTC'");
        }
        return Optional.empty();
    }
}
