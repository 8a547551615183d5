package com.jm.job.master.importer;

import com.jm.job.master.audit.AuditTrail;
import com.jm.job.master.domain.AuditRecord;
import java.io.PrintStream;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar jm-job-master.jar import xxl-job --source-url jdbc:mysql://… [--source-user U]
 * [--cron-zone ZONE] [--dry-run]}: reads an XXL-JOB database and imports it into the master's
 * database, with the master's own configuration (every other {@code --name=value} is passed to it,
 * as when it serves). The source password comes from the environment variable {@value
 * #PASSWORD_VARIABLE}, never from the command line, where other users of the machine could read it.
 * The URL is checked before anything connects; the master's context starts without its web server
 * and background loops. Exit status 0 when done (or a dry run), 1 when the source had bad rows
 * (nothing written), 2 for a refused command or source.
 */
public final class ImportCommand {

    public static final String PASSWORD_VARIABLE = "JMJOB_IMPORT_SOURCE_PASSWORD";
    static final int DONE = 0;
    static final int REFUSED_ROWS = 1;
    static final int REFUSED = 2;

    private static final String USAGE = "usage: import xxl-job --source-url jdbc:mysql://host[:port]/database"
            + " [--source-user USER] [--cron-zone ZONE] [--dry-run] [--spring.datasource.url=… and other master"
            + " settings]; the source password is read from " + PASSWORD_VARIABLE;

    private final Class<?> application;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    /**
     * @param application the master's Spring Boot application class
     * @param environment where the source password is read from
     */
    public ImportCommand(Class<?> application, PrintStream out, PrintStream err, Map<String, String> environment) {
        this.application = application;
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    /** Runs the command (its arguments after {@code import}); answers the exit status. */
    public int run(String[] args) {
        Arguments arguments;
        SourceUrl url;
        ZoneId zone;
        try {
            arguments = Arguments.parse(args);
            url = SourceUrl.parse(arguments.sourceUrl());
            zone = arguments.cronZone() == null ? ZoneId.systemDefault() : ZoneId.of(arguments.cronZone());
        } catch (RefusedSourceException | IllegalArgumentException | DateTimeException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return REFUSED;
        }
        XxlJobSnapshot source;
        try {
            source = XxlJobSource.read(url, arguments.sourceUser(), environment.get(PASSWORD_VARIABLE));
        } catch (RefusedSourceException e) {
            err.println(e.getMessage());
            return REFUSED;
        }
        out.println("read " + source.groups().size() + " executors and "
                + source.jobs().size() + " jobs from " + url.display() + "; cron expressions read in " + zone.getId());
        try (ConfigurableApplicationContext master = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .properties("jm.job.master.background=false", "spring.main.banner-mode=off")
                .run(arguments.masterArguments().toArray(String[]::new))) {
            XxlJobImport importer = master.getBean(XxlJobImport.class);
            AuditTrail audit = master.getBean(AuditTrail.class);
            if (arguments.dryRun()) {
                out.print(importer.dryRun(source, zone).report());
                return DONE;
            }
            try {
                ImportPlan done = importer.apply(source, zone);
                audit.record(audit(url, 200, done.summary()));
                out.print(done.report());
                return DONE;
            } catch (ImportRefusedException e) {
                audit.record(audit(url, 409, e.getMessage()));
                out.print(e.plan().report());
                return REFUSED_ROWS;
            } catch (RuntimeException e) {
                // A rule of the task API refused a task (a cycle of child jobs, say): nothing was written.
                audit.record(audit(url, 409, "refused, nothing written: " + e.getMessage()));
                err.println("REFUSED: " + e.getMessage() + "; nothing was written");
                return REFUSED_ROWS;
            }
        }
    }

    private static AuditRecord audit(SourceUrl url, int outcome, String summary) {
        AuditRecord record = new AuditRecord();
        record.setActor("cli:" + System.getProperty("user.name"));
        record.setAction("IMPORT xxl-job");
        record.setTargetType("task");
        record.setOutcome(outcome);
        String detail = "from " + url.display() + ": " + summary;
        record.setDetail(detail.length() > 512 ? detail.substring(0, 512) : detail);
        return record;
    }

    /** The command's own options; everything else goes to the master's context. */
    record Arguments(
            String sourceUrl, String sourceUser, String cronZone, boolean dryRun, List<String> masterArguments) {

        static Arguments parse(String[] args) {
            if (args.length == 0 || !args[0].equals("xxl-job")) {
                throw new IllegalArgumentException("import what? Only 'import xxl-job' is offered");
            }
            String url = null;
            String user = null;
            String zone = null;
            boolean dryRun = false;
            List<String> rest = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                boolean own = name.equals("--source-url") || name.equals("--source-user") || name.equals("--cron-zone");
                if (arg.equals("--dry-run")) {
                    dryRun = true;
                } else if (own) {
                    String value;
                    if (arg.contains("=")) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    switch (name) {
                        case "--source-url" -> url = value;
                        case "--source-user" -> user = value;
                        default -> zone = value;
                    }
                } else if (name.equals("--source-password")) {
                    throw new IllegalArgumentException(
                            "--source-password is not taken: set " + PASSWORD_VARIABLE + " in the environment");
                } else if (arg.startsWith("--") && arg.contains("=")) {
                    rest.add(arg);
                } else {
                    throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
            return new Arguments(url, user, zone, dryRun, List.copyOf(rest));
        }
    }
}
