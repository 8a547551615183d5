package com.jm.job.master.support;

import java.util.ArrayList;
import java.util.List;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records the ids of the mapper statements the recording thread runs, so a test can compare what
 * two workloads sent to the database. MockMvc calls run on the test's own thread.
 */
@Intercepts({
    @Signature(
            type = Executor.class,
            method = "query",
            args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}),
    @Signature(
            type = Executor.class,
            method = "update",
            args = {MappedStatement.class, Object.class})
})
public class StatementLog implements Interceptor {

    private volatile Thread recording;
    private final List<String> statements = new ArrayList<>();

    /** Records what this thread runs from now on, forgetting what was recorded before. */
    public synchronized void start() {
        statements.clear();
        recording = Thread.currentThread();
    }

    /** Stops recording and answers the statement ids, in order. */
    public synchronized List<String> stop() {
        recording = null;
        return List.copyOf(statements);
    }

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
        if (Thread.currentThread() == recording) {
            synchronized (this) {
                statements.add(((MappedStatement) invocation.getArgs()[0]).getId());
            }
        }
        return invocation.proceed();
    }

    /** Installs one {@link StatementLog} in the test's context: {@code @Import(StatementLog.Installed.class)}. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Installed {

        @Bean
        StatementLog statementLog() {
            return new StatementLog();
        }
    }
}
