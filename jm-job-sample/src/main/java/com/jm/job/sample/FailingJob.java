package com.jm.job.sample;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import org.springframework.stereotype.Component;

/** Always fails, to show how a failed run and its retries look to operators. */
@Component("failingJob")
public class FailingJob implements JobHandler {

    @Override
    public JobResult execute(JobContext context) {
        return JobResult.failure("failingJob always fails (attempt " + context.attempt() + "); this is a demo");
    }
}
