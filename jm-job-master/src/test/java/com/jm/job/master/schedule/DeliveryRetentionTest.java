package com.jm.job.master.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.master.support.MariaDbTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Alarm deliveries under the history loop's retention on MariaDB: finished ones (DELIVERED,
 * FAILED, SILENCED) older than {@code alarms.delivery-retention} go, in batches; newer ones and
 * those still to be sent stay, whatever their age; a silence row goes only once both the
 * retention and its rule's window have passed, so no window is cut short.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "jm.job.master.alarms.delivery-retention=1h")
class DeliveryRetentionTest extends MariaDbTest {

    @Autowired
    HistoryRetention retention;

    private long quick;
    private long patient;

    @BeforeEach
    void setUp() {
        clean();
        quick = rule("quick", 60_000);
        // A window longer than the retention: its silence rows must outlive the retention.
        patient = rule("patient", 3 * 3_600_000);
    }

    @Test
    void finishedDeliveriesOlderThanTheRetentionGoInBatchesAndTheRestStay() {
        int old = HistoryRetention.BATCH * 2 + 7;
        List<Object[]> rows = new ArrayList<>();
        String[] finished = {"DELIVERED", "FAILED", "SILENCED"};
        for (int i = 0; i < old; i++) {
            rows.add(new Object[] {quick, "old-" + i, finished[i % 3], -7200});
        }
        rows.add(new Object[] {quick, "recent", "DELIVERED", -60});
        jdbc.batchUpdate(
                "INSERT INTO jm_alarm_delivery (rule_id, kind, event_key, subject, occurred_at, state, attempts,"
                        + " next_attempt_at, finished_at) VALUES (?, 'RUN_FAILED', ?, 'task:1',"
                        + " TIMESTAMPADD(SECOND, -7200, NOW(3)), ?, 1, NOW(3), TIMESTAMPADD(SECOND, ?, NOW(3)))",
                rows);
        // Old, but not sent yet: a receiver down for hours still gets them.
        for (String state : new String[] {"PENDING", "SENDING"}) {
            jdbc.update(
                    "INSERT INTO jm_alarm_delivery (rule_id, kind, event_key, subject, occurred_at, state, attempts,"
                            + " next_attempt_at) VALUES (?, 'RUN_FAILED', ?, 'task:1',"
                            + " TIMESTAMPADD(SECOND, -7200, NOW(3)), ?, 3, NOW(3))",
                    quick,
                    "unsent-" + state,
                    state);
        }

        assertThat(retention.deleteExpiredDeliveries()).isEqualTo(old);
        assertThat(jdbc.queryForList("SELECT event_key FROM jm_alarm_delivery ORDER BY event_key", String.class))
                .containsExactly("recent", "unsent-PENDING", "unsent-SENDING");
        assertThat(retention.deleteExpiredDeliveries()).isZero();
    }

    @Test
    void aSilenceRowGoesOnlyOnceTheRetentionAndItsRulesWindowHavePassed() {
        silence(quick, "task:1", -7200); // past both: goes
        silence(quick, "task:2", -60); // within the retention: stays
        silence(patient, "task:1", -7200); // past the retention, within its 3 h window: stays
        silence(patient, "task:2", -4 * 3600); // past both: goes

        retention.deleteExpiredDeliveries();

        assertThat(jdbc.queryForList(
                        "SELECT CONCAT(rule_id, ' ', subject) FROM jm_alarm_silence ORDER BY rule_id, subject",
                        String.class))
                .containsExactly(quick + " task:2", patient + " task:1");
    }

    @Test
    void theHistoryLoopsPassDeletesExpiredRunsAndDeliveries() {
        jdbc.update(
                "INSERT INTO jm_alarm_delivery (rule_id, kind, event_key, subject, occurred_at, state, attempts,"
                        + " next_attempt_at, finished_at) VALUES (?, 'RUN_FAILED', 'k', 'task:1',"
                        + " TIMESTAMPADD(DAY, -40, NOW(3)), 'DELIVERED', 1, NOW(3), TIMESTAMPADD(DAY, -40, NOW(3)))",
                quick);
        retention.deleteAllExpired();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM jm_alarm_delivery", Long.class))
                .isZero();
    }

    private long rule(String name, long silenceMs) {
        jdbc.update(
                "INSERT INTO jm_alarm_rule (name, scope, events, silence_ms, channel, webhook_url, enabled, version,"
                        + " created_at, updated_at) VALUES (?, 'ALL', 'RUN_FAILED', ?, 'WEBHOOK', 'http://127.0.0.1/', 1,"
                        + " 1, NOW(3), NOW(3))",
                name,
                silenceMs);
        return jdbc.queryForObject("SELECT id FROM jm_alarm_rule WHERE name = ?", Long.class, name);
    }

    private void silence(long rule, String subject, int sentSecondsAgo) {
        jdbc.update(
                "INSERT INTO jm_alarm_silence (rule_id, subject, last_sent_at) VALUES (?, ?, TIMESTAMPADD(SECOND, ?,"
                        + " NOW(3)))",
                rule,
                subject,
                sentSecondsAgo);
    }
}
