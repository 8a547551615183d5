package com.jm.job.master.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the project's scripts (under scripts/) the way a developer would, for tests that
 * start the servers they need themselves when run outside scripts/test.sh (from an IDE).
 */
final class ProjectScripts {

    private ProjectScripts() {}

    /** Runs {@code scripts/<name> args...}, its output on the test's; fails unless it exits 0 in time. */
    static void run(String name, String... args) {
        Path script = Path.of("..", "scripts", name).toAbsolutePath().normalize();
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException(script + " not found");
        }
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(
                        "scripts/" + name + " " + String.join(" ", args) + " failed; see the output above");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }
}
