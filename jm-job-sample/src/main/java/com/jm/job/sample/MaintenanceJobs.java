package com.jm.job.sample;

import com.jm.job.client.JmJob;
import com.jm.job.client.JobContext;
import com.jm.job.client.JobResult;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Jobs as annotated methods of one plain bean, for apps that keep related jobs together. Tasks
 * select them by the annotation's value: {@code cleanupJob} and {@code statsJob}.
 */
@Component
public class MaintenanceJobs {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceJobs.class);

    private final AtomicLong cleanups = new AtomicLong();

    /** Takes nothing, returns nothing: success unless it throws. */
    @JmJob("cleanupJob")
    public void cleanup() {
        log.info("Cleanup number {} done", cleanups.incrementAndGet());
    }

    /** Takes the run's context and reports a note for operators. */
    @JmJob("statsJob")
    public JobResult stats(JobContext context) {
        return JobResult.success("task " + context.taskId() + " sees " + cleanups.get() + " cleanups so far");
    }
}
