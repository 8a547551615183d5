package com.jm.job.master.cron;

import com.jm.job.master.domain.CronFlavour;
import com.jm.job.master.errors.InvalidFieldException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A cron expression its flavour cannot read: a 400 on the {@code cron} field that names the
 * flavour and what is wrong, and lists the other flavours that do read the text with the times
 * they would fire, so a person sees at once whether the expression was written for another
 * scheduler.
 */
public class InvalidCronException extends InvalidFieldException {

    private final transient CronFlavour flavour;
    private final transient List<CronReading> otherReadings;

    InvalidCronException(String cron, CronFlavour flavour, String reason, List<CronReading> otherReadings) {
        super("cron", message(cron, flavour, reason, otherReadings));
        this.flavour = flavour;
        this.otherReadings = List.copyOf(otherReadings);
    }

    public CronFlavour flavour() {
        return flavour;
    }

    /** The flavours that read the expression, with their next fire times. */
    public List<CronReading> otherReadings() {
        return otherReadings;
    }

    private static String message(String cron, CronFlavour flavour, String reason, List<CronReading> others) {
        StringBuilder m = new StringBuilder()
                .append("invalid ")
                .append(flavour)
                .append(" cron expression '")
                .append(cron)
                .append("': ")
                .append(reason)
                .append(" (")
                .append(flavour)
                .append(": ")
                .append(syntax(flavour))
                .append(')');
        for (CronReading other : others) {
            m.append("; as ").append(other.flavour()).append(" it reads, and fires ");
            m.append(
                    other.nextFireTimes().isEmpty()
                            ? "never"
                            : other.nextFireTimes().stream()
                                    .map(DateTimeFormatter.ISO_OFFSET_DATE_TIME::format)
                                    .collect(Collectors.joining(", ")));
            m.append(" (set cronFlavour ").append(other.flavour()).append(" if that is meant)");
        }
        return m.toString();
    }

    static String syntax(CronFlavour flavour) {
        return switch (flavour) {
            case SPRING ->
                "six fields, second minute hour day-of-month month day-of-week (0 or 7 = SUN, 1 = MON), for"
                        + " example '0 */5 * * * *'";
            case QUARTZ ->
                "six or seven fields, second minute hour day-of-month month day-of-week (1 = SUN ... 7 = SAT)"
                        + " [year], '?' in one day field, for example '0 0 10 ? * 6#3'";
            case UNIX ->
                "five fields, minute hour day-of-month month day-of-week (0 or 7 = SUN), for example"
                        + " '30 6 * * 1-5'";
        };
    }
}
