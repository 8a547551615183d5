package com.jm.job.sample;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** A quick job: logs its parameters. Tasks select it with bean name {@code helloJob}. */
@Component("helloJob")
public class HelloJob implements JobHandler {

    private static final Logger log = LoggerFactory.getLogger(HelloJob.class);

    @Override
    public JobResult execute(JobContext context) {
        log.info("Hello from {} (attempt {}), params: {}", context, context.attempt(), context.params());
        return JobResult.success("said hello to " + context.params());
    }
}
