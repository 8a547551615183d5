package com.jm.job.master.schedule;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.events.PendingSignals;
import com.jm.job.master.events.Signal;
import com.jm.job.master.fire.StrandedUnits;
import com.jm.job.master.index.IndexReconciler;
import com.jm.job.master.lease.DatabaseContact;
import com.jm.job.master.lease.LeaseRecovery;
import com.jm.job.master.metrics.GroupGauges;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The master's background loops: cron firing, lease recovery, pending-index reconcile, history
 * clean-up, the metrics' per-group counts. Every master instance runs them; the SQL makes their work safe to share. {@code jm.job.master.background=false} turns them off (tests that drive them by hand).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "jm.job.master.background", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {

    @Bean
    MasterLoop cronLoop(CronFiring firing, PendingSignals signals) {
        return new MasterLoop(
                "jm-job-cron",
                () -> {
                    while (firing.fireDue() == CronFiring.BATCH) {
                        // A full batch: more slots may be due at once.
                    }
                    return firing.untilNextSlot();
                },
                signals.schedule());
    }

    @Bean
    MasterLoop leaseLoop(
            LeaseRecovery recovery, StrandedUnits stranded, DatabaseContact contact, JmJobMasterProperties properties) {
        return new MasterLoop(
                "jm-job-leases",
                () -> {
                    try {
                        DatabaseContact.Trust trust = contact.look();
                        while (recovery.recoverExpired(trust) == LeaseRecovery.BATCH) {
                            // A full batch: more leases may have lapsed.
                        }
                        // A node looks offline after an outage because its heartbeats could not land
                        // either: its broadcast runs wait, like its lapsed leases.
                        while (trust.all() && stranded.sweep() == StrandedUnits.BATCH) {
                            // A full batch: more broadcast runs may wait for nodes that are gone.
                        }
                    } catch (RuntimeException e) {
                        contact.lost();
                        throw e;
                    }
                    return properties.getLeaseCheckInterval();
                },
                new Signal());
    }

    @Bean
    MasterLoop indexLoop(IndexReconciler reconciler, JmJobMasterProperties properties) {
        return new MasterLoop(
                "jm-job-index",
                () -> {
                    reconciler.reconcile();
                    return properties.getIndexCheckInterval();
                },
                new Signal());
    }

    @Bean
    MasterLoop metricsLoop(GroupGauges gauges, JmJobMasterProperties properties) {
        return new MasterLoop(
                "jm-job-metrics",
                () -> {
                    gauges.refresh();
                    return properties.getMetricsRefreshInterval();
                },
                new Signal());
    }

    @Bean
    MasterLoop historyLoop(HistoryRetention retention, JmJobMasterProperties properties) {
        return new MasterLoop(
                "jm-job-history",
                () -> {
                    retention.deleteAllExpired();
                    return properties.getHistoryCleanupInterval();
                },
                new Signal());
    }
}
