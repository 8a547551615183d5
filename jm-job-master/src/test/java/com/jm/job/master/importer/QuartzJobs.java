package com.jm.job.master.importer;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.PersistJobDataAfterExecution;

/** Quartz job classes of the test job stores; they are stored by name and never run. */
final class QuartzJobs {

    private QuartzJobs() {}

    public static class NightlyReportJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {}
    }

    @DisallowConcurrentExecution
    @PersistJobDataAfterExecution
    public static class SyncJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {}
    }

    public static class CleanupJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {}
    }

    /**
     * A value a hostile source could plant in a serialized data map: deserializing it would run its
     * {@code readObject}, which counts. The import must never do so.
     */
    public static class Detonator implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        static final AtomicInteger DESERIALIZED = new AtomicInteger();

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            DESERIALIZED.incrementAndGet();
        }
    }
}
