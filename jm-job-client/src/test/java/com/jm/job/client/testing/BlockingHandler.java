package com.jm.job.client.testing;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import java.util.concurrent.CountDownLatch;

/** A handler that blocks until its thread is interrupted, remembering what the run looked like then. */
public final class BlockingHandler implements JobHandler {

    /** Counts down once per run that started. */
    public final CountDownLatch started;

    public volatile boolean interrupted;
    public volatile boolean cancelledWhenInterrupted;

    public BlockingHandler() {
        this(1);
    }

    public BlockingHandler(int runs) {
        started = new CountDownLatch(runs);
    }

    @Override
    public JobResult execute(JobContext context) {
        started.countDown();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            interrupted = true;
            cancelledWhenInterrupted = context.isCancelled();
        }
        return JobResult.success("stopped early");
    }
}
