package com.jm.job.master.importer;

import com.jm.job.master.audit.AuditTrail;
import com.jm.job.master.domain.AuditRecord;
import java.io.PrintStream;
import java.time.DateTimeException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar jm-job-master.jar import xxl-job|quartz --source-url jdbc:mysql://… [--source-user
 * U] [the source's own options] [--dry-run]}: reads an XXL-JOB or Quartz database and imports it
 * into the master's database, with the master's own configuration (every other {@code --name=value}
 * is passed to it, as when it serves). The source password comes from the environment variable
 * {@value #PASSWORD_VARIABLE}, never from the command line, where other users of the machine could
 * read it. The URL and the options are checked before anything connects; the master's context
 * starts without its web server and background loops. Exit status 0 when done (or a dry run), 1
 * when the source had bad rows (nothing written), 2 for a refused command or source.
 */
public final class ImportCommand {

    public static final String PASSWORD_VARIABLE = "JMJOB_IMPORT_SOURCE_PASSWORD";
    static final int DONE = 0;
    static final int REFUSED_ROWS = 1;
    static final int REFUSED = 2;

    private static final List<ImportSource.Kind> KINDS = List.of(XxlJobCommand.KIND, QuartzCommand.KIND);

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
        ImportSource.Kind kind = KINDS.stream()
                .filter(k -> args.length > 0 && k.name().equals(args[0]))
                .findFirst()
                .orElse(null);
        if (kind == null) {
            err.println("import what? Offered: "
                    + String.join(
                            ", ",
                            KINDS.stream().map(k -> "'import " + k.name() + "'").toList()));
            KINDS.forEach(k -> err.println(usage(k)));
            return REFUSED;
        }
        ImportArguments arguments;
        SourceUrl url;
        ImportSource source;
        try {
            arguments = ImportArguments.parse(Arrays.copyOfRange(args, 1, args.length), kind);
            url = SourceUrl.parse(arguments.sourceUrl());
            source = kind.prepare().apply(arguments);
        } catch (RefusedSourceException | IllegalArgumentException | DateTimeException e) {
            err.println(e.getMessage());
            err.println(usage(kind));
            return REFUSED;
        }
        ImportSource.Reading reading;
        try {
            reading = source.read(url, arguments.sourceUser(), environment.get(PASSWORD_VARIABLE));
        } catch (RefusedSourceException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return REFUSED;
        }
        out.println(reading.summary());
        try (ConfigurableApplicationContext master = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .properties("jm.job.master.background=false", "spring.main.banner-mode=off")
                .run(arguments.masterArguments().toArray(String[]::new))) {
            AuditTrail audit = master.getBean(AuditTrail.class);
            if (arguments.dryRun()) {
                out.print(reading.dryRun().apply(master).report());
                return DONE;
            }
            try {
                ImportPlan done = reading.apply().apply(master);
                audit.record(audit(kind, url, 200, done.summary()));
                out.print(done.report());
                return DONE;
            } catch (ImportRefusedException e) {
                audit.record(audit(kind, url, 409, e.getMessage()));
                out.print(e.plan().report());
                return REFUSED_ROWS;
            } catch (RuntimeException e) {
                // A rule of the task API refused a task (a cycle of child jobs, say): nothing was written.
                audit.record(audit(kind, url, 409, "refused, nothing written: " + e.getMessage()));
                err.println("REFUSED: " + e.getMessage() + "; nothing was written");
                return REFUSED_ROWS;
            }
        }
    }

    private static String usage(ImportSource.Kind kind) {
        return "usage: import " + kind.name() + " --source-url jdbc:mysql://host[:port]/database [--source-user USER] "
                + kind.usage() + " [--dry-run] [--spring.datasource.url=… and other master settings]; the source"
                + " password is read from " + PASSWORD_VARIABLE;
    }

    private static AuditRecord audit(ImportSource.Kind kind, SourceUrl url, int outcome, String summary) {
        AuditRecord record = new AuditRecord();
        record.setActor("cli:" + System.getProperty("user.name"));
        record.setAction("IMPORT " + kind.name());
        record.setTargetType("task");
        record.setOutcome(outcome);
        String detail = "from " + url.display() + ": " + summary;
        record.setDetail(detail.length() > 512 ? detail.substring(0, 512) : detail);
        return record;
    }
}
