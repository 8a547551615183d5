package com.jm.job.master.e2e;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job handler that counts how often each task ran and on which node, and keeps each call (which
 * run, which shard, which attempt) so a test can check per shard and per node what the nodes did,
 * not only what the master recorded. It succeeds, or does what the behaviour given to it does.
 */
class RecordingHandler implements JobHandler {

    /**
     * One handler call.
     *
     * @param node the node it ran on, by instance name
     * @param taskId the task (for a shard or a broadcast part: the task it is a run of)
     * @param runId the run
     * @param shardIndex which part of the fire (0 for an ordinary run)
     * @param shardTotal how many parts the fire has (1 for an ordinary run)
     * @param attempt the run's attempt number
     */
    record Call(String node, long taskId, long runId, int shardIndex, int shardTotal, int attempt) {}

    private final String node;
    private final Map<Long, AtomicInteger> runsByTask;
    private final JobHandler behaviour;
    private final AtomicInteger runsHere = new AtomicInteger();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    RecordingHandler(String node, Map<Long, AtomicInteger> runsByTask) {
        this(node, runsByTask, context -> JobResult.success("ran on " + node));
    }

    /** Records each call, then answers what {@code behaviour} does with it. */
    RecordingHandler(String node, Map<Long, AtomicInteger> runsByTask, JobHandler behaviour) {
        this.node = node;
        this.runsByTask = runsByTask;
        this.behaviour = behaviour;
    }

    static Map<Long, AtomicInteger> sharedCounts() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public JobResult execute(JobContext context) throws Exception {
        runsByTask.computeIfAbsent(context.taskId(), id -> new AtomicInteger()).incrementAndGet();
        runsHere.incrementAndGet();
        calls.add(new Call(
                node,
                context.taskId(),
                context.runId(),
                context.shardIndex(),
                context.shardTotal(),
                context.attempt()));
        return behaviour.execute(context);
    }

    /** The node it runs on, by instance name. */
    String node() {
        return node;
    }

    int runsHere() {
        return runsHere.get();
    }

    /** Every call so far, in the order they started. */
    List<Call> calls() {
        return List.copyOf(calls);
    }
}
