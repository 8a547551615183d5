package com.jm.job.master.importer;

import java.time.ZoneId;

/** {@code --cron-zone}: the zone a source's scheduler read cron expressions in that name none. */
final class CronZone {

    static final String OPTION = "--cron-zone";

    private CronZone() {}

    /** The option's zone, by default this machine's (a scheduler reads cron in its JVM's zone). */
    static ZoneId of(ImportArguments arguments) {
        String zone = arguments.value(OPTION);
        return zone == null ? ZoneId.systemDefault() : ZoneId.of(zone);
    }
}
