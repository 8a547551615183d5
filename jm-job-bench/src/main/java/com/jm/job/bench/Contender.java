package com.jm.job.bench;

/**
 * A scheduler under test, running in its own JVMs against its own database on the shared server.
 * The scenarios drive every contender through these calls only, so each is measured the same way.
 */
interface Contender extends AutoCloseable {

    /** Short name for tables: {@code jm-job}, {@code db-scheduler}. */
    String name();

    /** The database the contender's tables live in (recreated by {@link #start}). */
    String database();

    /**
     * The benchmark's own connection to {@link #database}: it makes executions due and watches them
     * through this one, so the statements it sends itself can be told apart from the contender's.
     */
    java.sql.Connection benchConnection();

    /** Recreates the database, starts the contender's processes and waits until they take work. */
    void start() throws Exception;

    /**
     * Makes {@code count} no-op executions due now, all visible at once (one transaction), and makes
     * sure the contender notices them; returns once they are committed.
     *
     * @param prefix task names or instance ids start with this, then a number
     */
    void submitDue(int count, String prefix) throws Exception;

    /** Executions made due and not yet finished and recorded, by the database's account. */
    long unfinished() throws Exception;

    /**
     * Whether any execution is still unfinished: what the benchmark asks every 20 ms while it waits.
     * An EXISTS stops at the first row, where a COUNT over thousands of rows 50 times a second would
     * add its own load to the database being measured.
     */
    boolean anyUnfinished() throws Exception;

    /** Triggers one execution through the contender's public API; returns when that call returns. */
    void trigger(String id) throws Exception;

    /** The scheduler's JVMs (their CPU time is part of the cost). */
    java.util.List<ChildJvm> jvms();

    /** Where handler starts and counts arrive from the executing JVMs. */
    HandlerEvents events();

    /**
     * Checks that {@code expected} executions ran and are recorded as the contender records them;
     * a description of any shortfall, or {@code null}.
     */
    String verify(long expected) throws Exception;

    /** Stops the contender's processes. */
    @Override
    void close() throws Exception;
}
