package com.jm.job.client;

/**
 * A job a node can run. The task's {@code beanName} selects a handler by the name of the Spring bean
 * that implements this interface; methods annotated with {@link JmJob} are the alternative for
 * plain beans.
 *
 * <p>Handlers run on the node's worker pool. A long-running handler should check {@link
 * JobContext#isCancelled()} (or respond to thread interruption) so that cancellation, time limits
 * and graceful shutdown can stop it.
 */
@FunctionalInterface
public interface JobHandler {

    /**
     * Runs one execution of a task.
     *
     * @param context the run's identity, parameters and cancellation signal
     * @return how the run ended; {@code null} counts as {@link JobResult#success()}
     * @throws Exception any failure; the run is reported FAILED with the exception's class and message
     */
    JobResult execute(JobContext context) throws Exception;
}
