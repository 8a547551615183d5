package com.jm.job.master.alarm;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.domain.AlarmChannel;
import com.jm.job.master.domain.AlarmDeliveryRecord;
import com.jm.job.master.domain.AlarmRuleRecord;
import com.jm.job.master.store.AlarmMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due deliveries, on every master. A claim is one short transaction: due rows locked with
 * {@code FOR UPDATE SKIP LOCKED} (another master's rows are skipped, never sent twice), the silence
 * window decided for first attempts under the lock of the rule's and subject's silence row, and the
 * rest marked SENDING for this master with a lease. Sending happens after the commit on the sender
 * pool, never more claimed than it has free threads; each outcome is written for the attempt it
 * belongs to. A master that dies mid-send leaves a lapsed lease, and the delivery is sent again
 * (the receiver sees the same {@code X-JmJob-Delivery} id).
 */
class AlarmDispatcher {

    static final int MAX_CLAIM = 100;
    private static final Logger log = LoggerFactory.getLogger(AlarmDispatcher.class);

    private final AlarmMapper alarms;
    private final TransactionTemplate transactions;
    private final ExecutorService senders;
    private final Semaphore free;
    private final Map<AlarmChannel, AlarmSender> channels;
    private final JmJobMasterProperties properties;
    private final String master;

    AlarmDispatcher(
            AlarmMapper alarms,
            TransactionTemplate transactions,
            ExecutorService senders,
            Map<AlarmChannel, AlarmSender> channels,
            JmJobMasterProperties properties,
            String master) {
        this.alarms = alarms;
        this.transactions = transactions;
        this.senders = senders;
        this.channels = channels;
        this.properties = properties;
        this.master = master;
        this.free = new Semaphore(properties.getAlarms().getSenderThreads());
    }

    /** One pass: puts lapsed sends back, claims what the free senders can take and hands it to them. */
    int dispatch() {
        alarms.releaseLapsed();
        int slots = Math.min(free.availablePermits(), MAX_CLAIM);
        if (slots == 0) {
            return 0;
        }
        List<AlarmDeliveryRecord> claimed = transactions.execute(status -> claim(slots));
        for (AlarmDeliveryRecord delivery : claimed) {
            free.acquireUninterruptibly();
            try {
                senders.execute(() -> {
                    try {
                        send(delivery.getId(), delivery.getAttempts() + 1);
                    } finally {
                        free.release();
                    }
                });
            } catch (RuntimeException rejected) {
                free.release();
                log.warn(
                        "Alarm delivery {} not handed to a sender; it is sent again when its lease lapses",
                        delivery.getId(),
                        rejected);
            }
        }
        return claimed.size();
    }

    private List<AlarmDeliveryRecord> claim(int slots) {
        List<AlarmDeliveryRecord> due = alarms.lockDue(slots);
        if (due.isEmpty()) {
            return due;
        }
        // Silence rows locked in one order by every master, so two claimers cannot deadlock on them.
        List<AlarmDeliveryRecord> ordered = new ArrayList<>(due);
        ordered.sort(Comparator.comparing(AlarmDeliveryRecord::getRuleId)
                .thenComparing(AlarmDeliveryRecord::getSubject)
                .thenComparing(AlarmDeliveryRecord::getId));
        List<AlarmDeliveryRecord> send = new ArrayList<>();
        List<Long> silenced = new ArrayList<>();
        for (AlarmDeliveryRecord delivery : ordered) {
            if (delivery.getAttempts() == 0 && silenced(delivery)) {
                silenced.add(delivery.getId());
            } else {
                send.add(delivery);
            }
        }
        if (!silenced.isEmpty()) {
            alarms.silence(silenced);
        }
        if (!send.isEmpty()) {
            alarms.claim(
                    send.stream().map(AlarmDeliveryRecord::getId).toList(),
                    properties.getAlarms().getSendLease().toMillis(),
                    master);
        }
        return send;
    }

    /** Whether the rule sent for this subject within its window; if not, this one counts as sent. */
    private boolean silenced(AlarmDeliveryRecord delivery) {
        AlarmRuleRecord rule = alarms.findRule(delivery.getRuleId());
        if (rule == null || rule.getSilenceMs() <= 0) {
            return false;
        }
        alarms.ensureSilence(rule.getId(), delivery.getSubject());
        if (alarms.lockSilenced(rule.getId(), delivery.getSubject(), rule.getSilenceMs())) {
            return true;
        }
        alarms.markSent(rule.getId(), delivery.getSubject());
        return false;
    }

    private void send(long id, int attempt) {
        AlarmDeliveryRecord delivery = alarms.findDelivery(id);
        AlarmRuleRecord rule = delivery == null ? null : alarms.findRule(delivery.getRuleId());
        if (rule == null) {
            return; // the rule was deleted, and its deliveries with it
        }
        try {
            channels.get(rule.getChannel()).send(rule, delivery);
            alarms.delivered(id, attempt);
        } catch (Exception e) {
            String error =
                    AlarmRecorder.cut(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            if (error.length() > 1024) {
                error = error.substring(0, 1023) + "…";
            }
            if (attempt >= properties.getAlarms().getMaxAttempts()) {
                log.warn("Alarm delivery {} failed after {} attempts: {}", id, attempt, error);
                alarms.failed(id, attempt, error);
            } else {
                alarms.retryLater(id, attempt, backoff(attempt).toMillis(), error);
            }
        }
    }

    /** Wait after attempt number {@code attempt}: base × 2^(attempt−1), capped. */
    Duration backoff(int attempt) {
        Duration base = properties.getAlarms().getRetryBackoffBase();
        Duration max = properties.getAlarms().getRetryBackoffMax();
        Duration delay = base.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 30));
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
