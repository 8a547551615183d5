package com.jm.job.master.cron;

import com.jm.job.master.domain.CronFlavour;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an expression means, for a person about to save it: its next fire times in its flavour and
 * zone, and notes where it may not mean what its writer thinks (another flavour reads the same
 * text differently, cron's day-field rule, fewer fires than asked for).
 */
public record CronPreview(List<ZonedDateTime> nextFireTimes, List<String> notes) {

    static CronPreview of(
            String cron, CronFlavour flavour, List<ZonedDateTime> fires, List<CronReading> others, int count) {
        List<String> notes = new ArrayList<>();
        if (fires.isEmpty()) {
            notes.add("it never fires again");
        } else if (fires.size() < count) {
            notes.add("it fires only " + fires.size() + " more time" + (fires.size() == 1 ? "" : "s"));
        }
        for (CronReading other : others) {
            if (!other.nextFireTimes().equals(fires)) {
                notes.add("read as " + other.flavour() + " the same text fires "
                        + (other.nextFireTimes().isEmpty() ? "never" : list(other.nextFireTimes()))
                        + ": check that " + flavour + " is the flavour it was written for");
            }
        }
        if (flavour == CronFlavour.UNIX && UnixCron.eitherDay(cron)) {
            notes.add("both day fields are restricted, so it fires on a day that matches either (Unix cron's rule)");
        }
        return new CronPreview(List.copyOf(fires), List.copyOf(notes));
    }

    private static String list(List<ZonedDateTime> times) {
        return times.stream()
                .map(DateTimeFormatter.ISO_OFFSET_DATE_TIME::format)
                .collect(Collectors.joining(", "));
    }
}
