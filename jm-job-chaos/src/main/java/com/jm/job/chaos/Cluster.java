package com.jm.job.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JVMs of the chaos run: two masters (the Redis index, the primary and its replica) and three
 * {@link ChaosNode}s, the last of them inside the script's network namespace when there is one. Each
 * can be killed, paused, resumed and started again; its output goes to a log under the run dir.
 */
final class Cluster implements AutoCloseable {

    static final String GROUP = "chaos";
    static final int NODES = 3;
    static final int WORKER_THREADS = 6;

    final String apiToken = secret();
    final String nodeToken = secret();
    private final ChaosOptions options;
    private final Process[] masters = new Process[2];
    private final Process[] nodes = new Process[NODES];

    Cluster(ChaosOptions options) {
        this.options = options;
    }

    String masterUrl(int i) {
        return "http://127.0.0.1:" + options.masterPorts()[i];
    }

    synchronized void startMaster(int i) {
        ChaosOptions o = options;
        List<String> command = new ArrayList<>(List.of(
                java(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                o.masterJar().toString(),
                "--server.port=" + o.masterPorts()[i],
                "--spring.datasource.url=" + o.primaryJdbc(),
                "--spring.datasource.username=root",
                "--spring.datasource.password=",
                "--jm.job.master.replicas[0].url=jdbc:mysql://127.0.0.1:" + o.replicaPort() + "/" + o.database(),
                "--jm.job.master.replicas[0].username=" + o.appUser(),
                "--jm.job.master.replicas[0].password=" + o.appPassword(),
                "--jm.job.master.index=redis",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + o.redisPort(),
                "--jm.job.master.lease=" + ChaosOptions.LEASE.toSeconds() + "s",
                "--jm.job.master.delivery-lease=4s",
                "--jm.job.master.lease-check-interval=1s",
                "--jm.job.master.node-offline-after=6s",
                "--jm.job.master.retry-backoff-base=200ms",
                "--jm.job.master.retry-backoff-max=2s",
                "--jm.job.master.index-check-interval=1s",
                "--jm.job.master.security.tokens[0].name=chaos",
                "--jm.job.master.security.tokens[0].token=" + apiToken,
                "--jm.job.master.security.tokens[0].role=OPERATOR",
                "--jm.job.master.security.node-token=" + nodeToken));
        masters[i] = launch("master-" + (i + 1), command);
    }

    synchronized void startNode(int i) {
        String name = nodeName(i);
        boolean inNamespace = i == NODES - 1 && options.partitionPossible();
        String host = inNamespace ? options.netnsHostIp() : "127.0.0.1";
        List<String> command = new ArrayList<>();
        if (inNamespace) {
            // `ip netns exec` execs the JVM, so the process handle is the JVM's own.
            command.addAll(List.of("ip", "netns", "exec", options.netnsName()));
        }
        command.addAll(List.of(
                java(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                ChaosNode.class.getName(),
                journal(i).toString(),
                name,
                GROUP,
                nodeToken,
                String.valueOf(WORKER_THREADS)));
        // Each node lists the masters in its own order, so both serve nodes.
        for (int m = 0; m < 2; m++) {
            command.add("http://" + host + ":" + options.masterPorts()[(i + m) % 2]);
        }
        nodes[i] = launch(name, command);
    }

    static String nodeName(int i) {
        return "node-" + (i + 1);
    }

    Path journal(int i) {
        return options.dir().resolve("journal-" + nodeName(i) + ".log");
    }

    synchronized long masterPid(int i) {
        return masters[i].pid();
    }

    synchronized long nodePid(int i) {
        return nodes[i].pid();
    }

    synchronized void killMaster(int i) {
        kill(masters[i]);
    }

    synchronized void killNode(int i) {
        kill(nodes[i]);
    }

    /** SIGSTOP or SIGCONT. */
    void signal(long pid, String signal) {
        Shell.run(List.of("kill", "-" + signal, String.valueOf(pid)));
    }

    private static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the nodes as a service manager would (graceful shutdown), then the masters. */
    void stopGracefully() {
        for (Process node : nodes) {
            stop(node);
        }
        for (Process master : masters) {
            stop(master);
        }
    }

    private static void stop(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        // A paused process ignores SIGTERM until it runs again.
        Shell.run(List.of("kill", "-CONT", String.valueOf(process.pid())));
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill(process);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
        }
    }

    @Override
    public void close() {
        for (Process p : nodes) {
            if (p != null && p.isAlive()) {
                kill(p);
            }
        }
        for (Process p : masters) {
            if (p != null && p.isAlive()) {
                kill(p);
            }
        }
    }

    private Process launch(String name, List<String> command) {
        try {
            Path log = options.dir().resolve(name + ".log");
            Files.writeString(
                    log,
                    "---- start " + java.time.Instant.now() + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
