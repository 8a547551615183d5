package com.jm.job.master.web;

import com.jm.job.master.clock.DatabaseClock;
import com.jm.job.master.cron.CronSchedule;
import com.jm.job.master.domain.CronFlavour;
import com.jm.job.master.errors.InvalidFieldException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Cron expressions before they are saved: what they mean in a flavour and zone. */
@RestController
@Tag(name = ApiDocumentation.CRON)
@RequestMapping("/api/cron")
class CronController {

    static final int MAX_EXPRESSION = 128;
    static final int MAX_ZONE = 64;
    static final int MAX_COUNT = 50;

    private final CronSchedule cron;
    private final DatabaseClock databaseClock;

    CronController(CronSchedule cron, DatabaseClock databaseClock) {
        this.cron = cron;
        this.databaseClock = databaseClock;
    }

    @Operation(
            operationId = "previewCron",
            summary = "The next fire times of a cron expression",
            description =
                    "Reads the expression as a task with that cronFlavour and timeZone would, and lists its next fire"
                            + " times after now (by the database clock) or after the given instant, with notes where it"
                            + " may surprise (another flavour reads the same text differently, for example). An"
                            + " expression the flavour cannot read is a 400 that says what is wrong and lists the"
                            + " flavours that do read it, with their fire times.")
    @GetMapping("/next")
    CronPreviewView next(
            @Parameter(description = "the cron expression", example = "0 0 10 ? * 6#3") @RequestParam String expression,
            @Parameter(description = "SPRING (default), QUARTZ or UNIX", example = "QUARTZ")
                    @RequestParam(defaultValue = "SPRING")
                    CronFlavour flavour,
            @Parameter(description = "the zone it is read in (default UTC)", example = "Europe/Berlin")
                    @RequestParam(required = false)
                    String zone,
            @Parameter(description = "how many fire times, 1 to 50", example = "5") @RequestParam(defaultValue = "5")
                    int count,
            @Parameter(
                            description = "list the fire times after this instant (with an offset) instead of now",
                            example = "2026-12-01T00:00:00Z")
                    @RequestParam(required = false)
                    String after) {
        if (expression.isBlank() || expression.length() > MAX_EXPRESSION) {
            throw new InvalidFieldException(
                    "expression", "expression must be 1 to " + MAX_EXPRESSION + " characters, as a task's cron");
        }
        if (zone != null && (zone.isBlank() || zone.length() > MAX_ZONE)) {
            throw new InvalidFieldException("zone", "zone must be a region id such as 'Europe/Berlin', or left out");
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new InvalidFieldException("count", "count must be a whole number from 1 to " + MAX_COUNT);
        }
        Instant from = ScheduleFields.instant("after", after);
        if (from == null) {
            from = databaseClock.estimate();
        }
        String text = expression.strip();
        return CronPreviewView.of(
                text, flavour, zone == null ? "UTC" : zone, cron.preview(text, flavour, zone, from, count));
    }
}
