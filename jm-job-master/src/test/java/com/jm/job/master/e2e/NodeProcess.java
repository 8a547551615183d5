package com.jm.job.master.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link NodeMain} node in a separate JVM on the test's class path, its output in a log file under
 * {@code target/e2e-nodes}. Closing it kills the process, so a failed test leaves none behind.
 */
final class NodeProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private NodeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static NodeProcess start(String masterUrl, String group, String instance, String... extraProperties) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "e2e-nodes"));
            Path log = dir.resolve(instance + "-" + System.currentTimeMillis() + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    // A node this small starts faster without the optimising compiler; two cores are shared.
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    NodeMain.class.getName(),
                    masterUrl,
                    group,
                    instance));
            command.addAll(List.of(extraProperties));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new NodeProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a node JVM", e);
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** What the node printed so far (its log included). */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path log() {
        return log;
    }

    /** Kills the JVM without warning (SIGKILL on Unix), waits until it is gone; answers its exit status. */
    int kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("node JVM " + process.pid() + " survived a forced kill");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
