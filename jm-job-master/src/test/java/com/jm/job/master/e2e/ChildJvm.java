package com.jm.job.master.e2e;

import com.jm.job.master.JmJobMasterApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node ({@link NodeMain}) or a master in a separate JVM on the test's class path, so a test can
 * kill it for real; its output goes to a log file under {@code target/e2e-jvms}. Closing it kills
 * the process, so a failed test leaves none behind.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** A {@link NodeMain} node. */
    static ChildJvm node(String masterUrl, String group, String instance, String... extraProperties) {
        List<String> args = new ArrayList<>(List.of(masterUrl, group, instance));
        args.addAll(List.of(extraProperties));
        return start(instance, NodeMain.class.getName(), args);
    }

    /** A master on {@code port}; properties as {@code name=value}, passed as command-line arguments. */
    static ChildJvm master(String name, int port, List<String> properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port));
        properties.forEach(p -> args.add("--" + p));
        return start(name, JmJobMasterApplication.class.getName(), args);
    }

    /** An executable jar, as its users run it: {@code java -jar jar args…}. */
    static ChildJvm jar(String name, Path jar, List<String> args) {
        return launch(name, List.of("-jar", jar.toString()), args);
    }

    private static ChildJvm start(String name, String mainClass, List<String> args) {
        return launch(name, List.of("-cp", System.getProperty("java.class.path"), mainClass), args);
    }

    private static ChildJvm launch(String name, List<String> what, List<String> args) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "e2e-jvms"));
            Path log = dir.resolve(name + "-" + System.currentTimeMillis() + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m",
                    // Starts faster without the optimising compiler; two cores are shared.
                    "-XX:TieredStopAtLevel=1"));
            command.addAll(what);
            command.addAll(args);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new ChildJvm(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for " + name, e);
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** What the process printed so far (its log included). */
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
                throw new IllegalStateException("JVM " + process.pid() + " survived a forced kill");
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
