package com.jm.job.master.importer;

import java.time.ZoneId;
import java.util.Set;

/** {@code import xxl-job [--cron-zone ZONE]}: an XXL-JOB admin database. */
final class XxlJobCommand implements ImportSource {

    static final Kind KIND = new Kind(
            XxlJobImport.SYSTEM, Set.of(CronZone.OPTION), Set.of(), Set.of(), "[--cron-zone ZONE]", XxlJobCommand::new);

    private final ZoneId zone;

    private XxlJobCommand(ImportArguments arguments) {
        this.zone = CronZone.of(arguments);
    }

    @Override
    public Reading read(SourceUrl url, String user, String password) {
        XxlJobSnapshot source = XxlJobSource.read(url, user, password);
        return new Reading(
                "read " + source.groups().size() + " executors and "
                        + source.jobs().size() + " jobs from " + url.display() + "; cron expressions read in "
                        + zone.getId(),
                master -> master.getBean(XxlJobImport.class).dryRun(source, zone),
                master -> master.getBean(XxlJobImport.class).apply(source, zone));
    }
}
