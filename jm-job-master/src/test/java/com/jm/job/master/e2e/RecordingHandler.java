package com.jm.job.master.e2e;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A job handler that counts how often each task ran and on which node. */
class RecordingHandler implements JobHandler {

    private final String node;
    private final Map<Long, AtomicInteger> runsByTask;
    private final AtomicInteger runsHere = new AtomicInteger();

    RecordingHandler(String node, Map<Long, AtomicInteger> runsByTask) {
        this.node = node;
        this.runsByTask = runsByTask;
    }

    static Map<Long, AtomicInteger> sharedCounts() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public JobResult execute(JobContext context) {
        runsByTask.computeIfAbsent(context.taskId(), id -> new AtomicInteger()).incrementAndGet();
        runsHere.incrementAndGet();
        return JobResult.success("ran on " + node);
    }

    int runsHere() {
        return runsHere.get();
    }
}
