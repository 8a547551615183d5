package com.jm.job.sample;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Works for as many seconds as its parameters say (10 when they are empty), one second at a time,
 * and stops early when the run is cancelled: the pattern for any long job.
 */
@Component("slowJob")
public class SlowJob implements JobHandler {

    static final int DEFAULT_SECONDS = 10;
    private static final Logger log = LoggerFactory.getLogger(SlowJob.class);

    @Override
    public JobResult execute(JobContext context) {
        int seconds;
        try {
            seconds = parseSeconds(context.params());
        } catch (NumberFormatException e) {
            return JobResult.failure(
                    "slowJob takes a whole number of seconds as params, got '" + context.params() + "'");
        }
        for (int done = 0; done < seconds; done++) {
            if (context.isCancelled()) {
                return stoppedAfter(done);
            }
            try {
                TimeUnit.SECONDS.sleep(1); // stands in for one step of real work
            } catch (InterruptedException e) {
                // Cancellation interrupts the thread; leave promptly and keep the flag for the caller.
                Thread.currentThread().interrupt();
                return stoppedAfter(done);
            }
        }
        return JobResult.success("worked " + seconds + " s");
    }

    private static JobResult stoppedAfter(int seconds) {
        log.info("slowJob stopped early after {} s", seconds);
        return JobResult.failure("stopped early after " + seconds + " s");
    }

    private static int parseSeconds(String params) {
        return params == null || params.isBlank() ? DEFAULT_SECONDS : Integer.parseInt(params.trim());
    }
}
