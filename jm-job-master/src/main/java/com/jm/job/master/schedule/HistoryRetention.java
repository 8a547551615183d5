package com.jm.job.master.schedule;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.store.AlarmMapper;
import com.jm.job.master.store.RunLogMapper;
import com.jm.job.master.store.ScheduleMapper;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Deletes finished runs older than the retention, and their log lines first, and finished alarm
 * deliveries older than theirs, in small batches so no statement holds many locks; several masters
 * doing it at once only share the work.
 */
@Service
public class HistoryRetention {

    static final int BATCH = 1000;
    /** A run keeps up to jm.job.master.run-log.max-lines lines: its lines go in statements of this many. */
    static final int LOG_BATCH = 10_000;

    private final ScheduleMapper schedule;
    private final RunLogMapper logs;
    private final AlarmMapper alarms;
    private final JmJobMasterProperties properties;

    public HistoryRetention(
            ScheduleMapper schedule, RunLogMapper logs, AlarmMapper alarms, JmJobMasterProperties properties) {
        this.schedule = schedule;
        this.logs = logs;
        this.alarms = alarms;
        this.properties = properties;
    }

    /** One pass of the history loop: expired runs, then expired deliveries. */
    public void deleteAllExpired() {
        deleteExpired();
        deleteExpiredDeliveries();
    }

    /**
     * Deletes finished deliveries older than {@code alarms.delivery-retention} batch by batch, and
     * the silence rows that no longer hold anything back; answers how many deliveries went.
     * Deliveries still to be sent are kept, whatever their age.
     */
    public int deleteExpiredDeliveries() {
        long seconds = properties.getAlarms().getDeliveryRetention().toSeconds();
        int total = 0;
        List<Long> ids;
        do {
            ids = alarms.finishedDeliveriesBefore(seconds, BATCH);
            if (ids.isEmpty()) {
                break;
            }
            total += alarms.deleteDeliveries(ids);
        } while (ids.size() == BATCH);
        alarms.deleteSilencesBefore(seconds);
        return total;
    }

    /** Deletes expired runs (with their logs) batch by batch; answers how many runs went. */
    public int deleteExpired() {
        long seconds = properties.getRunRetention().toSeconds();
        int total = 0;
        List<Long> runIds;
        do {
            runIds = schedule.finishedBefore(seconds, BATCH);
            if (runIds.isEmpty()) {
                break;
            }
            // Lines before their run: a line whose run is gone could never be read or deleted.
            int lines;
            do {
                lines = logs.deleteOfRuns(runIds, LOG_BATCH);
            } while (lines == LOG_BATCH);
            total += schedule.deleteRuns(runIds);
        } while (runIds.size() == BATCH);
        return total;
    }
}
