package com.jm.job.chaos;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;

/**
 * The chaos run's one handler. Its work is a number of steps ({@code ms=} in the params, 50 ms a
 * step), each one an effect a real handler would have (a write), made only after {@link
 * JobContext#isCancelled()} said the run is still this node's, as the architecture asks of
 * handlers. {@code fail=k} fails attempts 1..k (injected failures for retrying tasks).
 *
 * <p>It journals {@code START} and {@code END}; {@code END} carries the outcome ({@code OK}: every
 * step done and the run still held at the end, {@code FAIL}, {@code CANCELLED}) and {@code
 * lastEffect}, the time of its last effect. Two executions of one unit of work overlap when one
 * started before the other's last effect.
 */
final class ChaosHandler implements JobHandler {

    static final String BEAN = "chaosWork";
    private static final long STEP_MILLIS = 50;

    private final Journal journal;
    private final String node;

    ChaosHandler(Journal journal, String node) {
        this.journal = journal;
        this.node = node;
    }

    @Override
    public JobResult execute(JobContext context) {
        long started = System.currentTimeMillis();
        journal.write(
                "START",
                "run",
                context.runId(),
                "task",
                context.taskId(),
                "shard",
                context.shardIndex(),
                "total",
                context.shardTotal(),
                "attempt",
                context.attempt(),
                "node",
                node,
                "token",
                context.fencingToken(),
                "at",
                started);
        long millis = param(context.params(), "ms", 100);
        int failFirst = (int) param(context.params(), "fail", 0);
        long lastEffect = started;
        String outcome = "OK";
        for (long done = 0; done < millis; done += STEP_MILLIS) {
            if (context.isCancelled()) {
                outcome = "CANCELLED";
                break;
            }
            lastEffect = System.currentTimeMillis();
            try {
                Thread.sleep(Math.min(STEP_MILLIS, millis - done));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = "CANCELLED";
                break;
            }
        }
        if (outcome.equals("OK")) {
            if (context.isCancelled()) {
                outcome = "CANCELLED";
            } else if (context.attempt() <= failFirst) {
                outcome = "FAIL";
            } else {
                // The last effect: what a handler commits when its work is done.
                lastEffect = System.currentTimeMillis();
            }
        }
        journal.write(
                "END",
                "run",
                context.runId(),
                "task",
                context.taskId(),
                "shard",
                context.shardIndex(),
                "node",
                node,
                "outcome",
                outcome,
                "lastEffect",
                lastEffect,
                "at",
                System.currentTimeMillis());
        return switch (outcome) {
            case "OK" -> JobResult.success("done on " + node);
            case "FAIL" -> JobResult.failure("injected failure of attempt " + context.attempt());
            default -> JobResult.failure("cancelled on " + node);
        };
    }

    /** {@code name=value} from params like {@code ms=200;fail=1}; {@code otherwise} when absent. */
    static long param(String params, String name, long otherwise) {
        if (params == null) {
            return otherwise;
        }
        for (String part : params.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                return Long.parseLong(part.substring(eq + 1).trim());
            }
        }
        return otherwise;
    }
}
