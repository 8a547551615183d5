package com.jm.job.master.web;

import com.jm.job.master.cron.CronPreview;
import com.jm.job.master.domain.CronFlavour;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The answer of {@code GET /api/cron/next}: what an expression means in its flavour and zone. */
record CronPreviewView(
        @Schema(description = "the expression, as read", example = "0 0 10 ? * 6#3") String expression,
        @Schema(description = "the flavour it was read in", example = "QUARTZ") CronFlavour flavour,
        @Schema(description = "the zone its wall-clock times are in", example = "Europe/Berlin") String zone,
        @Schema(
                        description = "the next fire times, wall-clock time with the zone's offset then",
                        example = "[\"2026-12-18T10:00:00+01:00\", \"2027-01-15T10:00:00+01:00\"]")
                List<String> nextFireTimes,
        @Schema(
                        description = "where it may not mean what was meant: another flavour reads it differently, Unix"
                                + " cron's either-day rule, fewer fires than asked for",
                        example = "[\"read as SPRING the same text fires 2026-12-19T10:00:00+01:00: check that QUARTZ"
                                + " is the flavour it was written for\"]")
                List<String> notes) {

    static CronPreviewView of(String expression, CronFlavour flavour, String zone, CronPreview preview) {
        return new CronPreviewView(
                expression,
                flavour,
                zone,
                preview.nextFireTimes().stream().map(Times::offset).toList(),
                preview.notes());
    }
}
