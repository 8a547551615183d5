package com.jm.job.master.service;

import com.jm.job.master.cron.Recurrence;
import com.jm.job.master.cron.Schedules;
import com.jm.job.master.domain.TaskRecord;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The next fire times a schedule would have if a task were saved with it now: the same rules and
 * the same database clock as saving (so an expression the API would refuse is refused here, with
 * the same message), without writing anything.
 */
@Service
public class SchedulePreview {

    private final ScheduleRules rules;
    private final Schedules schedules;

    SchedulePreview(ScheduleRules rules, Schedules schedules) {
        this.rules = rules;
        this.schedules = schedules;
    }

    /**
     * Up to {@code count} fire times (UTC), first first. Empty for a task without a schedule (it
     * runs once, at once); one for {@code runAt} alone; for a fixed delay only the first (the next
     * ones count from the end of each run).
     *
     * @throws com.jm.job.master.errors.InvalidFieldException naming the field, as saving would
     */
    public List<LocalDateTime> next(TaskDefinition definition, int count) {
        TaskRecord task = new TaskRecord();
        rules.apply(definition, task);
        List<LocalDateTime> times = new ArrayList<>();
        LocalDateTime next = task.getNextFireTime();
        Recurrence recurrence = new Recurrence(
                task.getCron(),
                task.getCronFlavour(),
                task.getCronZone(),
                task.getFixedRateMs(),
                task.getFixedDelayMs(),
                task.getRunAt());
        while (next != null && times.size() < count) {
            times.add(next);
            next = schedules.nextSlot(recurrence, next.toInstant(ZoneOffset.UTC));
        }
        return times;
    }
}
