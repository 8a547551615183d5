package com.jm.job.master.alarm;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.domain.AlarmRuleRecord;
import com.jm.job.master.store.AlarmMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * This master's copy of the enabled rules, so a run's end costs no query when no rule could match
 * it. Refreshed after {@code rule-cache-ttl} (a change made through another master shows within
 * it) and at once after a change made through this one.
 */
@Component
class AlarmRules {

    private final AlarmMapper alarms;
    private final JmJobMasterProperties properties;
    private final Clock clock;
    private volatile Snapshot snapshot;

    AlarmRules(AlarmMapper alarms, JmJobMasterProperties properties, Clock clock) {
        this.alarms = alarms;
        this.properties = properties;
        this.clock = clock;
    }

    private record Snapshot(List<AlarmRuleRecord> rules, Instant loadedAt) {}

    List<AlarmRuleRecord> enabled() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current == null
                || !now.isBefore(current.loadedAt().plus(properties.getAlarms().getRuleCacheTtl()))) {
            current = new Snapshot(List.copyOf(alarms.enabledRules()), now);
            snapshot = current;
        }
        return current.rules();
    }

    void invalidate() {
        snapshot = null;
    }
}
