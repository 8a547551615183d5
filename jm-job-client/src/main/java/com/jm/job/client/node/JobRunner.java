package com.jm.job.client.node;

import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import com.jm.job.client.handler.JobHandlerRegistry;
import com.jm.job.common.protocol.RunOutcome;
import com.jm.job.common.protocol.RunResult;
import com.jm.job.common.protocol.TaskAssignment;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one claimed job on the calling thread: finds its handler, enforces its time limit and turns
 * whatever happens (a result, an exception, a stop request) into the run's outcome. The {@link
 * Worker} decides when and on which thread; this class decides what the run ended as.
 */
final class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobHandlerRegistry handlers;
    private final String nodeName;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final RunLogShipper logs;

    /**
     * @param handlers where runs find their handler
     * @param nodeName the node's name in messages
     * @param clock measures how long runs take
     * @param timer fires time limits; once it is shut down, runs get none (the node is stopping)
     * @param logs takes the SLF4J lines of a run's thread while its handler runs, or {@code null}
     */
    JobRunner(
            JobHandlerRegistry handlers,
            String nodeName,
            Clock clock,
            ScheduledExecutorService timer,
            RunLogShipper logs) {
        this.handlers = handlers;
        this.nodeName = nodeName;
        this.clock = clock;
        this.timer = timer;
        this.logs = logs;
    }

    /** Whether a handler goes by this name here. */
    boolean hasHandler(String name) {
        return handlers.find(name).isPresent();
    }

    /** Runs the job now, on this thread, and says how it ended. */
    RunOutcome run(RunningJob job) {
        long started = clock.millis();
        Verdict verdict = invokeOnThisThread(job);
        long duration = Math.max(0, clock.millis() - started);
        String message = FailureMessages.bound(verdict.message());
        return new RunOutcome(job.runId(), verdict.result(), message, duration);
    }

    private Verdict invokeOnThisThread(RunningJob job) {
        job.begin(Thread.currentThread());
        ScheduledFuture<?> timeout = scheduleTimeout(job);
        try {
            return invoke(job);
        } finally {
            job.end();
            // A stop that raced the handler's return must not interrupt the next run on this thread.
            Thread.interrupted();
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
    }

    private Verdict invoke(RunningJob job) {
        TaskAssignment task = job.task();
        Optional<JobHandler> handler = handlers.find(task.beanName());
        if (handler.isEmpty()) {
            String message = "no job handler named " + task.beanName() + " on node " + nodeName;
            log.warn(
                    "Run {} of task '{}' failed: {}; handlers here: {}",
                    task.runId(),
                    task.taskName(),
                    message,
                    handlers.names());
            return new Verdict(RunResult.FAILED, message);
        }
        // A run told to stop before it started, or whose lease lapsed while it waited (a poll
        // answered while the node was paused), never reaches its handler.
        boolean lapsed = job.stopIfLeaseLapsed();
        Verdict verdict = !lapsed && job.stopRequest() == null ? execute(handler.get(), job) : null;
        // A handler that returns after its lease lapsed did not hold the lease to the end: whatever
        // it says, the run is not reported as succeeded.
        job.stopIfLeaseLapsed();
        RunningJob.Stop stop = job.stopRequest();
        return stop != null ? new Verdict(stop.result(), stop.message()) : verdict;
    }

    private Verdict execute(JobHandler handler, RunningJob job) {
        // The run id in the MDC tags this thread's SLF4J lines (the run-log capture, and %X in
        // log patterns) for exactly the handler's call, including the failure logged below.
        if (logs != null) {
            logs.open(job.nodeId(), job.runId());
        }
        try (MDC.MDCCloseable tag = MDC.putCloseable(JmJobNode.MDC_RUN_ID, String.valueOf(job.runId()))) {
            return call(handler, job);
        } finally {
            if (logs != null) {
                logs.close(job.runId());
            }
        }
    }

    private Verdict call(JobHandler handler, RunningJob job) {
        try {
            JobResult result = handler.execute(job.context());
            if (result == null || result.successful()) {
                return new Verdict(RunResult.SUCCEEDED, result == null ? null : result.message());
            }
            String message = result.message() == null ? "the job handler reported a failure" : result.message();
            return new Verdict(RunResult.FAILED, message);
        } catch (Throwable e) {
            // The one boundary around user code: whatever the handler throws, even an Error, ends the
            // run as FAILED here, or the master would see it RUNNING until its lease expired.
            if (job.stopRequest() == null) {
                log.warn("Run {} of task '{}' failed", job.runId(), job.task().taskName(), e);
            }
            return new Verdict(RunResult.FAILED, FailureMessages.describe(e));
        }
    }

    private ScheduledFuture<?> scheduleTimeout(RunningJob job) {
        Integer seconds = job.task().timeoutSeconds();
        if (seconds == null || seconds <= 0) {
            return null;
        }
        String message = "timed out after " + seconds + " s";
        try {
            return timer.schedule(() -> job.requestStop(RunResult.TIMED_OUT, message), seconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            return null; // the node is past its grace period and cancels every run anyway
        }
    }

    private record Verdict(RunResult result, String message) {}
}
