package com.jm.job.client.node;

import com.jm.job.client.JobContext;
import com.jm.job.common.protocol.RunResult;
import com.jm.job.common.protocol.TaskAssignment;
import java.util.concurrent.atomic.AtomicReference;

/** One run on the worker pool: its context, its thread while it runs, and why it was stopped. */
final class RunningJob {

    /** Why a run was told to stop: cancelled, past its time limit, or the node shutting down. */
    record Stop(RunResult result, String message) {}

    private final long nodeId;
    private final TaskAssignment task;
    private final JobContext context;
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private Thread thread;
    private boolean finished;

    RunningJob(long nodeId, TaskAssignment task) {
        this.nodeId = nodeId;
        this.task = task;
        this.context = new JobContext(
                task.taskId(), task.runId(), task.taskName(), task.params(), task.attempt(), () -> stop.get() != null);
    }

    long nodeId() {
        return nodeId;
    }

    long runId() {
        return task.runId();
    }

    TaskAssignment task() {
        return task;
    }

    JobContext context() {
        return context;
    }

    /** Why the run was stopped, or {@code null} while nobody asked it to stop. */
    Stop stopRequest() {
        return stop.get();
    }

    /**
     * Asks the run to stop: sets the signal the handler reads and interrupts its thread. The first
     * reason wins, so a timeout racing a cancel reports one consistent result.
     *
     * @return {@code false} when the run had been asked to stop already
     */
    boolean requestStop(RunResult result, String message) {
        if (!stop.compareAndSet(null, new Stop(result, message))) {
            return false;
        }
        synchronized (this) {
            // Interrupt only while the handler runs; a thread back in the pool serves another run.
            if (thread != null && !finished) {
                thread.interrupt();
            }
        }
        return true;
    }

    synchronized void begin(Thread runner) {
        thread = runner;
    }

    synchronized void end() {
        finished = true;
        thread = null;
    }
}
