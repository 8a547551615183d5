package com.jm.job.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A JVM the benchmark starts (the master, a node, the db-scheduler process). Its output goes to a
 * log file; lines starting with {@code BENCH } are also handed to a listener, which is how handler
 * start times cross the process boundary.
 */
final class ChildJvm implements AutoCloseable {

    static final String MARK = "BENCH ";

    private final String name;
    private final Process process;
    private final Thread reader;

    private ChildJvm(String name, Process process, Path log, Consumer<String> listener) throws IOException {
        this.name = name;
        this.process = process;
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
        this.reader = new Thread(() -> pump(out, listener), "bench-out-" + name);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * @param jvmOptions options before the main class or jar, for example {@code -Xmx1g}
     * @param launch {@code -cp <path> <main>} or {@code -jar <jar>}, then the program's arguments
     */
    static ChildJvm start(
            String name, List<String> jvmOptions, List<String> launch, Path logDir, Consumer<String> listener)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(launch);
        Files.createDirectories(logDir);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ChildJvm(name, process, logDir.resolve(name + ".log"), listener);
    }

    /** The class path this benchmark runs on, for JVMs that run one of its main classes. */
    static List<String> mainClass(Class<?> main, List<String> args) {
        List<String> launch = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        launch.addAll(args);
        return launch;
    }

    /** CPU milliseconds this JVM has used so far. */
    long cpuMillis() {
        return CpuTime.millis(process.toHandle());
    }

    /** CPU milliseconds per kind of thread so far (see {@link CpuTime#millisByThread}). */
    java.util.Map<String, Long> cpuMillisByThread() {
        return CpuTime.millisByThread(process.toHandle());
    }

    /** Fails with the log to read when one of {@code processes} has exited. */
    static void requireAlive(List<ChildJvm> processes, Path logDir) {
        for (ChildJvm process : processes) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        process.name() + " exited; see " + logDir.resolve(process.name() + ".log"));
            }
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String name() {
        return name;
    }

    /** Stops the JVM as a service manager would (SIGTERM: graceful shutdown, recordings dumped). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void pump(PrintWriter out, Consumer<String> listener) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(MARK)) {
                    listener.accept(line.substring(MARK.length()));
                } else {
                    out.println(line);
                }
            }
        } catch (IOException e) {
            out.println("benchmark: output of " + name + " ended: " + e.getMessage());
        } finally {
            out.close();
        }
    }
}
