package com.jm.job.master.alarm;

import com.jm.job.master.domain.AlarmDeliveryRecord;
import com.jm.job.master.domain.AlarmEvent;
import com.jm.job.master.domain.AlarmRuleRecord;
import com.jm.job.master.domain.RunState;
import com.jm.job.master.events.AfterCommit;
import com.jm.job.master.events.RunsEnded;
import com.jm.job.master.events.Signal;
import com.jm.job.master.store.AlarmMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;

/**
 * Records the alarm events that runs' ends stand for, in the transaction that ends them: the end
 * is applied once (whichever master applies it), so the event row is written once, and the unique
 * (rule, event key) makes even a second sighting a no-op. Sending is left to the dispatcher, on
 * its own threads, so a receiver never holds a finish.
 */
class AlarmRecorder {

    private static final Logger log = LoggerFactory.getLogger(AlarmRecorder.class);

    private final AlarmMapper alarms;
    private final AlarmRules rules;
    private final Signal dispatch;

    AlarmRecorder(AlarmMapper alarms, AlarmRules rules, Signal dispatch) {
        this.alarms = alarms;
        this.rules = rules;
        this.dispatch = dispatch;
    }

    @EventListener
    public void runsEnded(RunsEnded ended) {
        List<AlarmRuleRecord> enabled = rules.enabled();
        if (enabled.isEmpty()) {
            return;
        }
        List<AlarmDeliveryRecord> events = new ArrayList<>();
        for (RunsEnded.Ended run : ended.runs()) {
            for (AlarmRuleRecord rule : enabled) {
                if (!rule.covers(run.groupId(), run.taskId())) {
                    continue;
                }
                AlarmEvent kind = kind(rule, run);
                if (kind != null) {
                    events.add(event(rule, kind, run, run.state() + ": " + nullToEmpty(run.message())));
                }
                if (run.taskInError() && rule.eventSet().contains(AlarmEvent.TASK_ERROR)) {
                    events.add(event(
                            rule,
                            AlarmEvent.TASK_ERROR,
                            run,
                            "no automatic retry left after " + run.state() + ": " + nullToEmpty(run.message())));
                }
            }
        }
        record(events);
    }

    /**
     * What the rule hears of a run's end: the kind its state stands for, if the rule asks for it.
     * A fire of several runs ends FAILED when a unit used up its retries; a rule that asks only
     * for lost or timed-out runs hears of it when a failed unit's last run was lost or timed out,
     * once for the fire as a rule for failures does.
     */
    static AlarmEvent kind(AlarmRuleRecord rule, RunsEnded.Ended run) {
        Set<AlarmEvent> asked = rule.eventSet();
        AlarmEvent kind = of(run.state());
        if (kind == null || asked.contains(kind)) {
            return kind;
        }
        for (RunState unitEnd : run.failedUnits().keySet()) {
            AlarmEvent unitKind = of(unitEnd);
            if (unitKind != null && asked.contains(unitKind)) {
                return unitKind;
            }
        }
        return null;
    }

    private static AlarmEvent of(RunState state) {
        return switch (state) {
            case FAILED -> AlarmEvent.RUN_FAILED;
            case LOST -> AlarmEvent.RUN_LOST;
            case TIMED_OUT -> AlarmEvent.RUN_TIMED_OUT;
            default -> null;
        };
    }

    /** Inserts the events; a failure here is logged and never takes the runs' ends down with it. */
    void record(List<AlarmDeliveryRecord> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            if (alarms.insertEvents(events) > 0) {
                AfterCommit.run(dispatch::signal);
            }
        } catch (DataAccessException e) {
            log.warn("Could not record {} alarm event(s); the runs' ends stand", events.size(), e);
        }
    }

    static AlarmDeliveryRecord event(AlarmRuleRecord rule, AlarmEvent kind, RunsEnded.Ended run, String message) {
        AlarmDeliveryRecord event = new AlarmDeliveryRecord();
        event.setRuleId(rule.getId());
        event.setKind(kind);
        event.setEventKey(kind + ":run:" + run.runId());
        event.setSubject(kind.subject("task", run.taskId()));
        event.setGroupId(run.groupId());
        event.setTaskId(run.taskId());
        event.setRunId(run.runId());
        event.setMessage(cut(message));
        return event;
    }

    static String cut(String text) {
        return text.length() <= 2048 ? text : text.substring(0, 2047) + "…";
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
