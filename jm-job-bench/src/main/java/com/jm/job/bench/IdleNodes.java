package com.jm.job.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Many idle jm-job nodes in one JVM: each is its own Spring Boot context of {@link BenchNode}, with
 * its own node client, instance name and long poll, as if it were its own app. Twenty node JVMs
 * would not fit next to two masters and MariaDB on a small machine; the database does not see the
 * difference (each context has its own HTTP client and polls, heartbeats and registers on its own).
 *
 * <p>Arguments: {@code <count> <master-url-a> <master-url-b> <node-token> <group>}. Node {@code i}
 * lists the masters as {@code a,b} when {@code i} is odd and {@code b,a} when even, so both
 * masters hold polls. Prints {@code BENCH READY idle-nodes} once every context runs.
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
        List<ConfigurableApplicationContext> contexts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String masters = i % 2 == 1 ? args[1] + "," + args[2] : args[2] + "," + args[1];
            contexts.add(new SpringApplicationBuilder(BenchNode.class)
                    .web(WebApplicationType.NONE)
                    .run(
                            "--jm.job.client.master-url=" + masters,
                            "--jm.job.client.token=" + args[3],
                            "--jm.job.client.group=" + args[4],
                            "--jm.job.client.instance=idle-" + i,
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
