package com.jm.job.master.importer;

import com.jm.job.master.support.TestDatabases;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A Quartz JDBC job store on the test server: a database of its own with Quartz's tables ({@code
 * quartz/tables_mysql_innodb.sql}, under a prefix a test chooses), written by Quartz itself: a test
 * gets a real {@link Scheduler} on it (never started, so nothing fires) and defines jobs and
 * triggers through Quartz's API, or changes rows by hand for what Quartz would not write.
 */
final class QuartzDatabase {

    private final String url;
    private final String prefix;
    private final JdbcTemplate jdbc;

    private QuartzDatabase(String url, String prefix) {
        this.url = url;
        this.prefix = prefix;
        this.jdbc = new JdbcTemplate(new DriverManagerDataSource(
                url, TestDatabases.server().user(), TestDatabases.server().password()));
    }

    /** With Quartz's default prefix. */
    static QuartzDatabase create() {
        return create("QRTZ_");
    }

    /** @param prefix the job store's {@code tablePrefix} */
    static QuartzDatabase create(String prefix) {
        QuartzDatabase database = new QuartzDatabase(TestDatabases.createDatabase("quartz"), prefix);
        SchemaScript.run(database.jdbc, "/quartz/tables_mysql_innodb.sql", sql -> sql.replace("QRTZ_", prefix));
        return database;
    }

    /**
     * Renames the tables to lower case, as some installations name them (Quartz itself, whose SQL
     * says {@code <prefix>JOB_DETAILS}, then works only where names are case-insensitive).
     */
    void lowerCaseTableNames() {
        for (String table : jdbc.queryForList(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()", String.class)) {
            jdbc.execute("RENAME TABLE `" + table + "` TO `" + table.toLowerCase(Locale.ROOT) + "`");
        }
    }

    String url() {
        return url;
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    /** A table's name in this store, for SQL a test writes itself. */
    String table(String name) {
        List<String> names = jdbc.queryForList(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND UPPER(TABLE_NAME) = UPPER(?)",
                String.class,
                prefix + name);
        return names.get(0);
    }

    /**
     * A Quartz scheduler of this name on this store, not started; shut it down when done.
     *
     * @param useProperties Quartz's {@code org.quartz.jobStore.useProperties}: data maps stored as
     *     properties text (true) or Java-serialized (false, Quartz's default)
     */
    Scheduler scheduler(String name, boolean useProperties) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", name);
        p.setProperty("org.quartz.scheduler.instanceId", "import-test");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", prefix);
        p.setProperty("org.quartz.jobStore.useProperties", String.valueOf(useProperties));
        p.setProperty("org.quartz.jobStore.dataSource", "source");
        p.setProperty("org.quartz.dataSource.source.provider", "hikaricp");
        p.setProperty("org.quartz.dataSource.source.driver", "com.mysql.cj.jdbc.Driver");
        p.setProperty("org.quartz.dataSource.source.URL", url);
        p.setProperty(
                "org.quartz.dataSource.source.user", TestDatabases.server().user());
        p.setProperty(
                "org.quartz.dataSource.source.password", TestDatabases.server().password());
        p.setProperty("org.quartz.dataSource.source.maxConnections", "2");
        try {
            return new StdSchedulerFactory(p).getScheduler();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start a Quartz scheduler on " + url, e);
        }
    }

    QuartzSnapshot read() {
        return read(null);
    }

    QuartzSnapshot read(String scheduler) {
        return QuartzSource.read(
                SourceUrl.parse(url),
                TestDatabases.server().user(),
                TestDatabases.server().password(),
                prefix,
                scheduler);
    }
}
