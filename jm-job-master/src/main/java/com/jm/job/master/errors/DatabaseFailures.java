package com.jm.job.master.errors;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;

/**
 * Tells "the database cannot be reached" (stopped, restarting, network gone, pool wait over) apart
 * from other failures, however deeply Spring, MyBatis and the transaction manager have wrapped it:
 * a MyBatis query wraps Spring's {@code CannotGetJdbcConnectionException} in its own exceptions, and
 * a transaction that cannot start is a {@code CannotCreateTransactionException} around the pool's
 * {@link SQLTransientConnectionException}.
 */
public final class DatabaseFailures {

    /** Cause chains are short; the bound only guards against a cycle. */
    private static final int MAX_DEPTH = 20;

    /** HikariCP's message for a call on a connection it has closed. */
    static final String POOL_CLOSED = "Connection is closed";

    private DatabaseFailures() {}

    /** Whether {@code failure}, or any of its causes, says the database cannot be reached. */
    public static boolean isUnreachable(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException // CannotGetJdbcConnectionException too
                    || t instanceof RecoverableDataAccessException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            // SQLSTATE class 08: connection exception (the driver's communications-link failures).
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
            // The pool's answer on a connection it closed under the request (evicted as broken when
            // the database went away mid-request): it has no SQLSTATE, only this message.
            if (t instanceof SQLException sql && sql.getSQLState() == null && POOL_CLOSED.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
