package com.jm.job.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Many jm-job nodes in one JVM: each is its own Spring Boot context of {@link BenchNode}, with its
 * own node client, instance name, registration, long poll and heartbeats, as if it were its own app.
 * Twenty node JVMs would not fit next to the masters and MariaDB on a small machine; the database
 * and the masters do not see the difference (each context has its own HTTP client), the machine's
 * CPU does (one JVM's threads instead of twenty JVMs').
 *
 * <p>Arguments: {@code <count> <instance-prefix> <node-token> <group> <master-url>...}. Node {@code
 * i} (from 1) lists the masters rotated by {@code i - 1}, so with two masters odd nodes list
 * {@code a,b} and even ones {@code b,a}, and both masters hold polls. Each node has 2 worker
 * threads. Prints {@code BENCH READY idle-nodes} once every context runs.
 *
 * <p>With {@code --light <count> <master-url> <node-token> <group> <groups> <poll-wait-ms>
 * <heartbeat-ms>} the nodes are {@link LightNodes} instead: thousands fit in one small JVM.
 */
public final class IdleNodes {

    private IdleNodes() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--light")) {
            new LightNodes(
                            args[2],
                            args[3],
                            Duration.ofMillis(Long.parseLong(args[6])),
                            Duration.ofMillis(Long.parseLong(args[7])))
                    .run(Integer.parseInt(args[1]), args[4], Integer.parseInt(args[5]));
            Thread.currentThread().join();
            return;
        }
        int count = Integer.parseInt(args[0]);
        String prefix = args[1];
        List<String> urls = List.of(args).subList(4, args.length);
        List<ConfigurableApplicationContext> contexts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            List<String> masters = new ArrayList<>();
            for (int k = 0; k < urls.size(); k++) {
                masters.add(urls.get((k + i - 1) % urls.size()));
            }
            contexts.add(new SpringApplicationBuilder(BenchNode.class)
                    .web(WebApplicationType.NONE)
                    .run(
                            "--jm.job.client.master-url=" + String.join(",", masters),
                            "--jm.job.client.token=" + args[2],
                            "--jm.job.client.group=" + args[3],
                            "--jm.job.client.instance=" + prefix + i,
                            "--jm.job.client.worker-threads=2",
                            "--spring.jmx.enabled=false",
                            "--spring.main.banner-mode=off",
                            "--logging.level.root=WARN"));
        }
        System.out.println(ChildJvm.MARK + "READY idle-nodes");
        // Each context closes on SIGTERM through its own shutdown hook (and deregisters its node).
        Thread.currentThread().join();
    }
}
