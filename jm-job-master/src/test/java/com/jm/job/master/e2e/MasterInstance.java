package com.jm.job.master.e2e;

import com.jm.job.master.JmJobMasterApplication;
import com.jm.job.master.support.TestDatabases;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A real master on a real port, over a MariaDB database of its own, with its background loops on:
 * what nodes talk to in the end-to-end tests. It can be stopped and started again on the same port
 * and database, as in a restart.
 */
final class MasterInstance implements AutoCloseable {

    private final String databaseUrl;
    private final String user;
    private final String password;
    private final List<String> extraProperties;
    private final JdbcTemplate jdbc;
    private ConfigurableApplicationContext context;
    private int port;
    private Clock clock;

    MasterInstance(String databaseUrl, int port, String... extraProperties) {
        this(databaseUrl, TestDatabases.server().user(), TestDatabases.server().password(), port, extraProperties);
    }

    /** On a database of another server than the shared one (a private MariaDB, for instance). */
    MasterInstance(String databaseUrl, String user, String password, int port, String... extraProperties) {
        this.databaseUrl = databaseUrl;
        this.user = user;
        this.password = password;
        this.port = port;
        this.extraProperties = List.of(extraProperties);
        this.jdbc = new JdbcTemplate(new DriverManagerDataSource(databaseUrl, user, password));
    }

    static MasterInstance onFreshDatabase(String... extraProperties) {
        return new MasterInstance(TestDatabases.createDatabase("e2e"), 0, extraProperties);
    }

    /** Gives the master its own clock (for example a skewed one) instead of the system's. */
    MasterInstance withClock(Clock clock) {
        this.clock = clock;
        return this;
    }

    MasterInstance start() {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=" + port,
                "spring.datasource.url=" + databaseUrl,
                "spring.datasource.username=" + user,
                "spring.datasource.password=" + password,
                "jm.job.master.background=true"));
        properties.addAll(extraProperties);
        // As arguments, so they win over the test configuration files (builder properties would not).
        context = new SpringApplicationBuilder(JmJobMasterApplication.class)
                .initializers(ctx -> {
                    if (clock != null) {
                        ctx.getBeanFactory().registerSingleton("clock", clock);
                    }
                })
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
        port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        return this;
    }

    void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** One of the master's beans, for tests that wait on its state. */
    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** SQL on the master's database, for assertions. */
    JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        stop();
    }
}
