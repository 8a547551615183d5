package com.jm.job.master.importer;

import java.time.ZoneId;
import java.util.Set;

/**
 * {@code import quartz [--table-prefix P] [--sched-name S] [--group G] [--cron-zone ZONE]
 * [--handler-map CLASS=BEAN]… [--handler-map-file FILE] [--require-handler-map]}: one scheduler of
 * a Quartz JDBC job store, all of its jobs into one group (by default named after the scheduler).
 */
final class QuartzCommand implements ImportSource {

    static final String PREFIX = "--table-prefix";
    static final String SCHEDULER = "--sched-name";
    static final String GROUP = "--group";
    static final String HANDLER_MAP = "--handler-map";
    static final String HANDLER_MAP_FILE = "--handler-map-file";
    static final String REQUIRE_HANDLER_MAP = "--require-handler-map";

    static final Kind KIND = new Kind(
            QuartzImport.SYSTEM,
            Set.of(PREFIX, SCHEDULER, GROUP, CronZone.OPTION, HANDLER_MAP, HANDLER_MAP_FILE),
            Set.of(HANDLER_MAP),
            Set.of(REQUIRE_HANDLER_MAP),
            "[" + PREFIX + " QRTZ_] [" + SCHEDULER + " NAME] [" + GROUP + " GROUP] [--cron-zone ZONE] [" + HANDLER_MAP
                    + " CLASS=BEAN]... [" + HANDLER_MAP_FILE + " FILE] [" + REQUIRE_HANDLER_MAP + "]",
            QuartzCommand::new);

    private final String prefix;
    private final String scheduler;
    private final String group;
    private final ZoneId zone;
    private final QuartzHandlers handlers;

    private QuartzCommand(ImportArguments arguments) {
        String given = arguments.value(PREFIX);
        this.prefix = given == null ? QuartzSource.DEFAULT_PREFIX : given;
        if (!QuartzSource.PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    PREFIX + " '" + prefix + "' may hold only letters, digits, _ and $ (at most 64)");
        }
        this.scheduler = arguments.value(SCHEDULER);
        this.group = arguments.value(GROUP) == null ? null : groupName(arguments.value(GROUP));
        this.zone = CronZone.of(arguments);
        this.handlers = QuartzHandlers.of(
                arguments.values(HANDLER_MAP), arguments.value(HANDLER_MAP_FILE), arguments.flag(REQUIRE_HANDLER_MAP));
    }

    private static String groupName(String name) {
        String group = name.strip();
        if (group.isEmpty() || group.length() > ImportRules.MAX_NAME) {
            throw new IllegalArgumentException("group name '" + name + "' must have 1 to 128 characters");
        }
        return group;
    }

    @Override
    public Reading read(SourceUrl url, String user, String password) {
        QuartzSnapshot source = QuartzSource.read(url, user, password, prefix, scheduler);
        QuartzImport.Options options =
                new QuartzImport.Options(group == null ? groupName(source.scheduler()) : group, handlers, zone);
        return new Reading(
                "read " + source.jobs().size() + " jobs and "
                        + source.triggers().size() + " triggers of scheduler "
                        + source.scheduler() + " from " + url.display() + " (tables " + prefix + "*) into group "
                        + options.group() + "; cron triggers without a time zone read in " + zone.getId(),
                master -> master.getBean(QuartzImport.class).dryRun(source, options),
                master -> master.getBean(QuartzImport.class).apply(source, options));
    }
}
