package com.jm.job.master.alarm;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.domain.AlarmDeliveryRecord;
import com.jm.job.master.domain.AlarmEvent;
import com.jm.job.master.domain.AlarmRuleRecord;
import com.jm.job.master.store.AlarmMapper;
import com.jm.job.master.store.GroupSilence;
import com.jm.job.master.store.RunStart;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks for the events no run's end stands for: fires that started late and groups with no node
 * online. Every master looks; the event keys are made of database values only (a run id, a
 * group's last heartbeat), so two masters that see the same event write the same key, and the
 * unique (rule, event key) keeps one row.
 */
class AlarmDetector {

    static final int BATCH = 1000;

    private final AlarmMapper alarms;
    private final AlarmRules rules;
    private final AlarmRecorder recorder;
    private final JmJobMasterProperties properties;
    /**
     * The last run this master looked at for lateness; null while no rule asks about lateness, so
     * a rule made later is not told about old runs.
     */
    private Long lateCursor;

    AlarmDetector(AlarmMapper alarms, AlarmRules rules, AlarmRecorder recorder, JmJobMasterProperties properties) {
        this.alarms = alarms;
        this.rules = rules;
        this.recorder = recorder;
        this.properties = properties;
    }

    /** One look for both kinds of event; answers how many runs it read (a full batch: look again). */
    synchronized int detect() {
        List<AlarmRuleRecord> enabled = rules.enabled();
        List<AlarmRuleRecord> late = withEvent(enabled, AlarmEvent.FIRE_LATE);
        List<AlarmRuleRecord> noNode = withEvent(enabled, AlarmEvent.NO_NODE);
        if (!noNode.isEmpty()) {
            recorder.record(groupsWithoutNodes(noNode));
        }
        if (late.isEmpty()) {
            lateCursor = null;
            return 0;
        }
        if (lateCursor == null) {
            Long max = alarms.maxRunId();
            lateCursor = max == null ? 0 : max;
            return 0;
        }
        List<RunStart> runs = alarms.runsAfter(lateCursor, BATCH);
        List<AlarmDeliveryRecord> events = new ArrayList<>();
        for (RunStart run : runs) {
            lateCursor = run.getId();
            if (run.getScheduledAt() == null || run.getStartedAt() == null) {
                continue;
            }
            long lateMs =
                    Duration.between(run.getScheduledAt(), run.getStartedAt()).toMillis();
            long taskId = run.getUnitOf() != null ? run.getUnitOf() : run.getTaskId();
            for (AlarmRuleRecord rule : late) {
                if (rule.covers(run.getGroupId(), taskId) && lateMs > rule.getLateAfterMs()) {
                    // One event per fire: its record and each unit that waited may start late,
                    // and all stand for the same late fire (the record's run id names it).
                    long fire = run.getFireId() != null ? run.getFireId() : run.getId();
                    AlarmDeliveryRecord event = new AlarmDeliveryRecord();
                    event.setRuleId(rule.getId());
                    event.setKind(AlarmEvent.FIRE_LATE);
                    event.setEventKey(AlarmEvent.FIRE_LATE + ":run:" + fire);
                    event.setSubject(AlarmEvent.FIRE_LATE.subject("task", taskId));
                    event.setGroupId(run.getGroupId());
                    event.setTaskId(taskId);
                    event.setRunId(fire);
                    event.setMessage("run " + run.getId() + (fire != run.getId() ? " of fire " + fire : "")
                            + " started " + lateMs + " ms after it was due at "
                            + run.getScheduledAt().atOffset(ZoneOffset.UTC).toInstant() + " (rule: more than "
                            + rule.getLateAfterMs() + " ms)");
                    events.add(event);
                }
            }
        }
        recorder.record(events);
        return runs.size();
    }

    private List<AlarmDeliveryRecord> groupsWithoutNodes(List<AlarmRuleRecord> noNode) {
        List<AlarmDeliveryRecord> events = new ArrayList<>();
        long offlineAfterMs = properties.getNodeOfflineAfter().toMillis();
        for (GroupSilence group : alarms.groupsWithoutNodes(offlineAfterMs)) {
            long quietMs =
                    Duration.between(group.getLastSeen(), group.getDbNow()).toMillis();
            long since = group.getLastSeen().toInstant(ZoneOffset.UTC).toEpochMilli();
            for (AlarmRuleRecord rule : noNode) {
                if (rule.covers(group.getGroupId(), null) && quietMs >= rule.getNoNodeForMs()) {
                    AlarmDeliveryRecord event = new AlarmDeliveryRecord();
                    event.setRuleId(rule.getId());
                    event.setKind(AlarmEvent.NO_NODE);
                    event.setEventKey(AlarmEvent.NO_NODE + ":group:" + group.getGroupId() + ":since:" + since);
                    event.setSubject(AlarmEvent.NO_NODE.subject("group", group.getGroupId()));
                    event.setGroupId(group.getGroupId());
                    event.setMessage("no node online in group " + group.getGroupId() + " since "
                            + group.getLastSeen().atOffset(ZoneOffset.UTC).toInstant() + " (" + quietMs + " ms)");
                    events.add(event);
                }
            }
        }
        return events;
    }

    private static List<AlarmRuleRecord> withEvent(List<AlarmRuleRecord> rules, AlarmEvent event) {
        return rules.stream().filter(r -> r.eventSet().contains(event)).toList();
    }
}
