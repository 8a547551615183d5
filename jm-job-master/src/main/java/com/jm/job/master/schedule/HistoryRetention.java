package com.jm.job.master.schedule;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.store.ScheduleMapper;
import org.springframework.stereotype.Service;

/**
 * Deletes finished runs older than the retention, in small batches so no statement holds many
 * locks; several masters doing it at once only share the work.
 */
@Service
public class HistoryRetention {

    static final int BATCH = 1000;

    private final ScheduleMapper schedule;
    private final JmJobMasterProperties properties;

    public HistoryRetention(ScheduleMapper schedule, JmJobMasterProperties properties) {
        this.schedule = schedule;
        this.properties = properties;
    }

    /** Deletes expired runs batch by batch; answers how many went. */
    public int deleteExpired() {
        long seconds = properties.getRunRetention().toSeconds();
        int total = 0;
        int deleted;
        do {
            deleted = schedule.deleteFinishedBefore(seconds, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
