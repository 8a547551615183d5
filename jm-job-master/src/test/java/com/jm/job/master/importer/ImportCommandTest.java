package com.jm.job.master.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.JmJobMasterApplication;
import com.jm.job.master.support.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@code import xxl-job} and {@code import quartz} as an operator runs them: arguments, exit status, output, audit. */
class ImportCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aRefusedSourceUrlIsNeverConnectedTo() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.configureBlocking(false);
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();

            int status =
                    run("xxl-job", "--source-url", "jdbc:mysql://127.0.0.1:" + port + "/xxl_job?autoDeserialize=true");

            assertThat(status).isEqualTo(2);
            assertThat(err())
                    .contains("option autoDeserialize makes the driver deserialize objects sent by the server");
            assertThat(listener.accept())
                    .as("a connection to the refused source")
                    .isNull();
        }
    }

    @Test
    void anotherDriversUrlAPasswordOnTheCommandLineAndAnUnknownSourceAreRefused() {
        assertThat(run("xxl-job", "--source-url=jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://example.com/x.sql'"))
                .isEqualTo(2);
        assertThat(err()).contains("only jdbc:mysql:// and jdbc:mariadb:// URLs");
        assertThat(run("xxl-job", "--source-url=jdbc:mysql://db/xxl_job", "--source-password=secret"))
                .isEqualTo(2);
        assertThat(err()).contains("set JMJOB_IMPORT_SOURCE_PASSWORD in the environment");
        assertThat(run("cron4j", "--source-url=jdbc:mysql://db/xxl_job")).isEqualTo(2);
        assertThat(err()).contains("import what? Offered: 'import xxl-job', 'import quartz'");
    }

    @Test
    void aDryRunWritesNothingThenTheImportWritesAndIsAuditedAndBadRowsExitOne() {
        String master = TestDatabases.createDatabase("import");
        JdbcTemplate masterDb = new JdbcTemplate(new DriverManagerDataSource(
                master, TestDatabases.server().user(), TestDatabases.server().password()));
        XxlJobDatabase source = XxlJobImportTest.everyKind();

        assertThat(run(importArguments(source, master, true))).as(err()).isZero();

        assertThat(out())
                .contains("read 2 executors and 5 jobs from " + source.url())
                .contains("DRY RUN: 4 to create, 0 already imported, 1 not carried over, 0 bad rows");
        assertThat(masterDb.queryForObject("SELECT COUNT(*) FROM jm_task", Long.class))
                .isZero();

        assertThat(run(importArguments(source, master, false))).as(err()).isZero();

        assertThat(out()).contains("IMPORTED: 4 to create, 0 already imported, 1 not carried over, 0 bad rows");
        assertThat(masterDb.queryForObject("SELECT COUNT(*) FROM jm_task", Long.class))
                .isEqualTo(4);
        Map<String, Object> audit = masterDb.queryForMap("SELECT actor, action, outcome, detail FROM jm_audit");
        assertThat(audit.get("actor")).isEqualTo("cli:" + System.getProperty("user.name"));
        assertThat(audit.get("action")).isEqualTo("IMPORT xxl-job");
        assertThat(audit.get("outcome")).isEqualTo(200);
        assertThat((String) audit.get("detail")).startsWith("from " + source.url() + ": IMPORTED: 4 to create");

        XxlJobDatabase bad =
                XxlJobDatabase.create().group(1, "bad-executor", "Bad").job(1, Map.of("schedule_type", "WEEKLY"));
        assertThat(run(importArguments(bad, master, false))).isEqualTo(1);
        assertThat(out()).contains("BAD ROW: unknown schedule type 'WEEKLY'");
        assertThat(masterDb.queryForObject("SELECT COUNT(*) FROM jm_group WHERE name = 'bad-executor'", Long.class))
                .isZero();
    }

    @Test
    void quartzADryRunShowsTheHandlerMappingThenTheImportWritesIsAuditedAndASecondCreatesNothing() {
        String master = TestDatabases.createDatabase("import");
        JdbcTemplate masterDb = new JdbcTemplate(new DriverManagerDataSource(
                master, TestDatabases.server().user(), TestDatabases.server().password()));
        QuartzDatabase source = QuartzStores.everyKind();
        String syncJob = QuartzJobs.SyncJob.class.getName();

        assertThat(run(quartzArguments(source, master, "--dry-run", "--handler-map", syncJob + "=billingSync")))
                .as(err())
                .isZero();

        assertThat(out())
                .contains(
                        "read 7 jobs and 7 triggers of scheduler reports from " + source.url()
                                + " (tables QRTZ_*) into group reports; cron triggers without a time zone read in Asia/Shanghai")
                .contains("note: job class " + syncJob + " -> beanName billingSync (--handler-map)")
                .contains("DRY RUN: 6 to create, 0 already imported, 2 not carried over, 0 bad rows");
        NothingWritten.in(masterDb);

        assertThat(run(quartzArguments(source, master, "--handler-map=" + syncJob + "=billingSync")))
                .as(err())
                .isZero();

        assertThat(out()).contains("IMPORTED: 6 to create, 0 already imported, 2 not carried over, 0 bad rows");
        assertThat(masterDb.queryForList("SELECT bean_name FROM jm_task ORDER BY bean_name", String.class))
                .contains("billingSync", "quartzJobs.NightlyReportJob")
                .hasSize(6);
        assertThat(masterDb.queryForList("SELECT name FROM jm_group", String.class))
                .containsExactly("reports");
        Map<String, Object> audit = masterDb.queryForMap("SELECT action, outcome, detail FROM jm_audit");
        assertThat(audit.get("action")).isEqualTo("IMPORT quartz");
        assertThat(audit.get("outcome")).isEqualTo(200);
        assertThat((String) audit.get("detail")).startsWith("from " + source.url() + ": IMPORTED: 6 to create");

        assertThat(run(quartzArguments(source, master))).as(err()).isZero();
        assertThat(out()).contains("IMPORTED: 0 to create, 6 already imported, 2 not carried over, 0 bad rows");
        assertThat(masterDb.queryForObject("SELECT COUNT(*) FROM jm_task", Long.class))
                .isEqualTo(6);
    }

    @Test
    void quartzBadRowsExitOneWithNothingWrittenAndBadOptionsOrAnUnknownSchedulerExitTwo() {
        String master = TestDatabases.createDatabase("import");
        JdbcTemplate masterDb = new JdbcTemplate(new DriverManagerDataSource(
                master, TestDatabases.server().user(), TestDatabases.server().password()));
        QuartzDatabase bad = QuartzStores.badRows();

        assertThat(run(quartzArguments(
                        bad,
                        master,
                        "--require-handler-map",
                        "--handler-map",
                        QuartzJobs.NightlyReportJob.class.getName() + "=report",
                        "--group",
                        "imported")))
                .isEqualTo(1);
        assertThat(out())
                .contains("BAD ROW: a CalendarIntervalTrigger (CAL_INT)")
                .contains("is not in the handler map (--require-handler-map)")
                .contains("REFUSED: 1 to create, 0 already imported, 0 not carried over, 4 bad rows");
        NothingWritten.in(masterDb);
        assertThat(masterDb.queryForObject("SELECT outcome FROM jm_audit", Integer.class))
                .isEqualTo(409);

        assertThat(run(quartzArguments(bad, master, "--sched-name", "other"))).isEqualTo(2);
        assertThat(err()).contains("the job store has no scheduler 'other'; it has bad");
        assertThat(run(quartzArguments(bad, master, "--table-prefix", "QRTZ_`; DROP TABLE x; --")))
                .isEqualTo(2);
        assertThat(err()).contains("--table-prefix 'QRTZ_`; DROP TABLE x; --' may hold only letters, digits, _ and $");
        assertThat(run(quartzArguments(bad, master, "--handler-map", "NoBean"))).isEqualTo(2);
        assertThat(err()).contains("--handler-map 'NoBean' is not CLASS=BEAN");
        assertThat(run(quartzArguments(bad, master, "--group", "a", "--group", "b")))
                .isEqualTo(2);
        assertThat(err()).contains("--group is given twice");
    }

    private String[] quartzArguments(QuartzDatabase source, String master, String... more) {
        return arguments("quartz", source.url(), master, more);
    }

    private String[] importArguments(XxlJobDatabase source, String master, boolean dryRun) {
        return dryRun
                ? arguments("xxl-job", source.url(), master, "--dry-run")
                : arguments("xxl-job", source.url(), master);
    }

    /** The command as an operator gives it, with the test server's user and the master's database. */
    private static String[] arguments(String kind, String sourceUrl, String master, String... more) {
        List<String> args = new ArrayList<>(List.of(
                kind,
                "--source-url",
                sourceUrl,
                "--source-user",
                TestDatabases.server().user(),
                "--cron-zone=Asia/Shanghai",
                "--spring.datasource.url=" + master,
                "--spring.datasource.username=" + TestDatabases.server().user(),
                "--spring.datasource.password=" + TestDatabases.server().password()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        ImportCommand command = new ImportCommand(
                JmJobMasterApplication.class,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(ImportCommand.PASSWORD_VARIABLE, TestDatabases.server().password()));
        return command.run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
