package com.jm.job.master.cron;

import com.jm.job.master.domain.CronFlavour;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What an expression means in one flavour: its next fire times after some instant, in the zone it
 * is read in (fewer than asked for when it stops firing).
 */
public record CronReading(CronFlavour flavour, List<ZonedDateTime> nextFireTimes) {

    /** The readings of the flavours other than {@code flavour} that can read the text at all. */
    static List<CronReading> others(String cron, CronFlavour flavour, ZoneId zone, Instant after, int count) {
        List<CronReading> readings = new ArrayList<>();
        for (CronFlavour other : CronFlavour.values()) {
            CronRule rule = other == flavour ? null : CronFlavours.tryRead(other, cron);
            if (rule != null) {
                readings.add(new CronReading(other, fires(rule, zone, after, count)));
            }
        }
        return readings;
    }

    static List<ZonedDateTime> fires(CronRule rule, ZoneId zone, Instant after, int count) {
        List<ZonedDateTime> fires = new ArrayList<>(count);
        ZonedDateTime t = after.atZone(zone);
        while (fires.size() < count && (t = rule.next(t)) != null) {
            fires.add(t);
        }
        return fires;
    }
}
