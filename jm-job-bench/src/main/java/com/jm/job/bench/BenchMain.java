package com.jm.job.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the benchmark (see {@code docs/benchmarks.md} for the method): each repetition measures
 * jm-job, db-scheduler and the plain JDBC limit back to back on the same MariaDB, rotating their
 * order so that none always runs on a warmer or colder machine. Prints the tables and replaces the
 * generated part of the report.
 */
public final class BenchMain {

    static final String BEGIN = "<!-- bench:begin -->";
    static final String END = "<!-- bench:end -->";

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        Database database = new Database(options);
        Path logDir = options.workDir().toAbsolutePath();
        Files.createDirectories(logDir);
        String date = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String loadBefore = Machine.loadAverage();
        Machine machine = Machine.describe(database);
        if (options.only().equals("multi")) {
            MultiMaster.Outcome outcome = new MultiMaster(options, database, logDir.resolve("multi")).run();
            String section = MultiReport.render(outcome, date, options);
            System.out.println();
            System.out.println(section);
            write(options.report(), section, MultiReport.BEGIN, MultiReport.END);
            System.out.println("Written to " + options.report());
            return;
        }
        if (options.only().equals("many-nodes")) {
            ManyNodes.Outcome outcome = new ManyNodes(options, database, logDir.resolve("many-nodes")).run();
            write(options.report(), ManyNodesReport.render(outcome, date, machine), ManyNodes.BEGIN, ManyNodes.END);
            System.out.println("Written to " + options.report());
            return;
        }
        if (options.only().equals("console")) {
            String section = new ConsoleScenario(options, database, logDir.resolve("console")).run(date, machine);
            System.out.println();
            System.out.println(section);
            write(options.report(), section, ConsoleScenario.BEGIN, ConsoleScenario.END);
            System.out.println("Written to " + options.report());
            return;
        }
        if (ScenarioReports.runs(options.only())) {
            String section = ScenarioReports.run(options, database, logDir, date, machine);
            System.out.println();
            System.out.println(section);
            write(
                    options.report(),
                    section,
                    ScenarioReports.begin(options.only()),
                    ScenarioReports.end(options.only()));
            System.out.println("Written to " + options.report());
            return;
        }
        Scenarios scenarios = new Scenarios(options);
        List<Repetition> repetitions = new ArrayList<>();
        for (int n = 1; n <= options.repetitions(); n++) {
            Results.Run jmJob = null;
            Results.Run dbScheduler = null;
            Results.Throughput limit = null;
            for (int k = 0; k < 3; k++) {
                int which = (k + n - 1) % 3;
                if (which == 0 && options.runs("jm-job")) {
                    jmJob = scenarios.run(new JmJobContender(options, database, logDir.resolve("rep" + n)));
                    log(n, "jm-job", jmJob.throughput());
                } else if (which == 1 && options.runs("db-scheduler")) {
                    dbScheduler = scenarios.run(new DbSchedulerContender(options, database, logDir.resolve("rep" + n)));
                    log(n, "db-scheduler", dbScheduler.throughput());
                } else if (which == 2 && options.runs("jdbc")) {
                    limit = new JdbcLimit(options, database).run();
                    log(n, "plain JDBC", limit);
                }
            }
            repetitions.add(new Repetition(n, jmJob, dbScheduler, limit));
        }
        if (!options.keepDatabases()) {
            database.drop(JmJobContender.DATABASE);
            database.drop(DbSchedulerContender.DATABASE);
        }
        String report = new Report(options, machine, date, loadBefore, Machine.loadAverage(), repetitions).render();
        System.out.println();
        System.out.println(report);
        write(options.report(), report, BEGIN, END);
        System.out.println("Written to " + options.report());
    }

    private static void log(int repetition, String who, Results.Throughput t) {
        System.out.printf(
                "[bench] repetition %d, %s: %.0f executions/s (%.2f s); CPU ms per 1,000: scheduler %.0f %s, database %.0f%s%n",
                repetition,
                who,
                t.perSecond(),
                t.seconds(),
                t.schedulerCpuMs(),
                t.cpuByProcess().entrySet().stream()
                        .map(e -> e.getKey() + " " + Math.round(e.getValue()))
                        .toList(),
                t.databaseCpuMs(),
                t.verified() == null ? "" : " — " + t.verified());
    }

    /** Replaces what lies between the markers, keeping the hand-written method and findings. */
    static void write(Path file, String generated, String beginMarker, String endMarker) throws Exception {
        String block = beginMarker + "\n" + generated + endMarker;
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        int begin = text.indexOf(beginMarker);
        int end = text.indexOf(endMarker);
        String updated = begin >= 0 && end > begin
                ? text.substring(0, begin) + block + text.substring(end + endMarker.length())
                : text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + block + "\n";
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }
}
