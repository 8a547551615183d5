package com.jm.job.chaos;

import com.jm.job.client.node.JmJobNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A chaos node in a JVM of its own: {@link ChaosHandler} under {@value ChaosHandler#BEAN}, a journal
 * file of its own, and a {@code TICK} line every {@value #TICK_MILLIS} ms, so that the journal
 * shows until when an incarnation lived (a SIGKILL writes nothing; a handler it ended had its last
 * effect before the incarnation's last line plus a tick).
 *
 * <p>Arguments: journal file, node name, group, node token, worker threads, then master URLs.
 */
public final class ChaosNode {

    static final long TICK_MILLIS = 200;

    private ChaosNode() {}

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        String name = args[1];
        Journal journal = new Journal(file);
        journal.write("NODE", "node", name, "pid", ProcessHandle.current().pid(), "at", System.currentTimeMillis());
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jm-job-chaos-tick");
            t.setDaemon(true);
            return t;
        });
        ticks.scheduleAtFixedRate(
                () -> journal.write("TICK", "at", System.currentTimeMillis()), 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        var builder = JmJobNode.builder()
                .group(args[2])
                .token(args[3])
                .instance(name)
                .workerThreads(Integer.parseInt(args[4]))
                .pollWait(Duration.ofSeconds(5))
                .heartbeatInterval(Duration.ofSeconds(1))
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .http(Duration.ofSeconds(1), Duration.ofSeconds(3))
                .shutdownGracePeriod(Duration.ofSeconds(5))
                .handler(ChaosHandler.BEAN, new ChaosHandler(journal, name));
        Arrays.stream(args, 5, args.length).forEach(builder::masterUrl);
        JmJobNode node = builder.build();
        node.start();
        Runtime.getRuntime().addShutdownHook(new Thread(node::stop, "jm-job-chaos-stop"));
    }
}
