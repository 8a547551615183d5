package com.jm.job.master.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.jm.job.master.support.TestDatabases;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.junit.jupiter.api.Test;
import org.mybatis.spring.MyBatisSystemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;

/** The wrappings seen in a master's log while its database was stopped, and failures that are not that. */
class DatabaseFailuresTest {

    @Test
    void theWrappingsOfAnUnreachableDatabaseAreRecognised() {
        SQLTransientConnectionException poolTimeout =
                new SQLTransientConnectionException("jm-job-primary - Connection is not available");
        assertThat(DatabaseFailures.isUnreachable(
                        new CannotCreateTransactionException("Could not open JDBC Connection", poolTimeout)))
                .isTrue();
        assertThat(DatabaseFailures.isUnreachable(new MyBatisSystemException(new PersistenceException(
                        new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", poolTimeout)))))
                .isTrue();
        assertThat(DatabaseFailures.isUnreachable(
                        new RuntimeException(new SQLException("Communications link failure", "08S01"))))
                .isTrue();
    }

    @Test
    void aCallOnAConnectionThePoolClosedIsRecognised() throws Exception {
        // The pool's own exception, not a copy of its message: an upgrade that changes it fails here.
        Throwable closed;
        try (HikariDataSource pool = new HikariDataSource(poolConfig())) {
            Connection connection = pool.getConnection();
            connection.close();
            closed = catchThrowable(() -> connection.setAutoCommit(false));
        }
        assertThat(closed).isInstanceOf(SQLException.class);
        assertThat(DatabaseFailures.isUnreachable(
                        new UncategorizedSQLException("list", "SELECT 1", (SQLException) closed)))
                .isTrue();
        assertThat(DatabaseFailures.isUnreachable(new RuntimeException(new SQLException("Connection is open"))))
                .isFalse();
    }

    private static HikariConfig poolConfig() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabases.createDatabase("failures"));
        config.setUsername(TestDatabases.server().user());
        config.setPassword(TestDatabases.server().password());
        config.setMaximumPoolSize(1);
        return config;
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseFailures.isUnreachable(new DuplicateKeyException("Duplicate entry")))
                .isFalse();
        assertThat(DatabaseFailures.isUnreachable(
                        new RuntimeException(new SQLException("Unknown column", "42S22", 1054))))
                .isFalse();
        assertThat(DatabaseFailures.isUnreachable(new IllegalStateException("a bug")))
                .isFalse();
    }
}
