package com.jm.job.master.e2e;

import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A node in a JVM of its own, for tests that kill a node for real. Its one handler, {@value #BEAN},
 * prints {@value #STARTED} and the run id on standard output, then blocks until the process dies.
 * Arguments: master URL, group, instance name, then further {@code key=value} properties.
 */
final class NodeMain {

    static final String BEAN = "blockingJob";
    static final String STARTED = "BLOCKING RUN STARTED run=";

    private NodeMain() {}

    public static void main(String[] args) {
        exitWhenTheTestDies();
        JobHandler blocking = context -> {
            System.out.println(STARTED + context.runId());
            System.out.flush();
            // The job being killed: it holds its run until SIGKILL ends the JVM.
            new CountDownLatch(1).await();
            return JobResult.failure("a blocking run never ends by itself");
        };
        NodeInstance.start(args[0], args[1], args[2], Map.of(BEAN, blocking), Arrays.copyOfRange(args, 3, args.length));
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
