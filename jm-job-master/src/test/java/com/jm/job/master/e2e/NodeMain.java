package com.jm.job.master.e2e;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node in a JVM of its own, for tests that kill a node for real. Its handler {@value #BEAN} prints
 * {@value #STARTED} and the run id on standard output, then blocks until the process dies. Its
 * handler {@value #JOURNALING_BEAN} writes each run to standard output as a {@link #ran} line (the
 * node's journal, read back with {@link #journal}) and succeeds, except in a fire triggered with the
 * params {@value #BLOCK}, where it blocks like {@value #BEAN}. Arguments: master URL, group, instance
 * name, then further {@code key=value} properties.
 */
final class NodeMain {

    static final String BEAN = "blockingJob";
    static final String JOURNALING_BEAN = "journalingJob";
    static final String STARTED = "BLOCKING RUN STARTED run=";
    /** The params that make {@value #JOURNALING_BEAN} block: a fire during which the node is to be killed. */
    static final String BLOCK = "block";

    private static final Pattern RAN =
            Pattern.compile("^RAN run=(\\d+) task=(\\d+) shard=(\\d+)/(\\d+) attempt=(\\d+)$");

    private NodeMain() {}

    public static void main(String[] args) {
        exitWhenTheTestDies();
        JobHandler blocking = NodeMain::block;
        JobHandler journaling = context -> {
            System.out.println(ran(context));
            System.out.flush();
            return BLOCK.equals(context.params()) ? block(context) : JobResult.success();
        };
        NodeInstance.start(
                args[0],
                args[1],
                args[2],
                Map.of(BEAN, blocking, JOURNALING_BEAN, journaling),
                Arrays.copyOfRange(args, 3, args.length));
    }

    private static JobResult block(JobContext context) throws InterruptedException {
        System.out.println(STARTED + context.runId());
        System.out.flush();
        // The job being killed: it holds its run until SIGKILL ends the JVM.
        new CountDownLatch(1).await();
        return JobResult.failure("a blocking run never ends by itself");
    }

    /** The journal line of a run. */
    static String ran(JobContext context) {
        return "RAN run=" + context.runId() + " task=" + context.taskId() + " shard=" + context.shardIndex() + "/"
                + context.shardTotal() + " attempt=" + context.attempt();
    }

    /** The runs a node's output journals, in the order its handler started them. */
    static List<RecordingHandler.Call> journal(String node, String output) {
        return output.lines()
                .map(RAN::matcher)
                .filter(Matcher::matches)
                .map(m -> new RecordingHandler.Call(
                        node,
                        Long.parseLong(m.group(2)),
                        Long.parseLong(m.group(1)),
                        Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(5))))
                .toList();
    }

    /**
     * The test JVM holds this process's standard input open; end of input means the test JVM is gone
     * without having killed this one, so it must not linger polling a master that no longer exists.
     */
    private static void exitWhenTheTestDies() {
        Thread watch = new Thread(
                () -> {
                    try {
                        while (System.in.read() >= 0) {
                            // Nothing is ever written; only the end of input matters.
                        }
                    } catch (IOException e) {
                        // A broken pipe means the same as end of input.
                    }
                    Runtime.getRuntime().halt(3);
                },
                "jm-job-test-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
