package com.jm.job.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

/** The facts a reader needs to compare figures across machines. */
record Machine(String cpu, int cores, String memory, String database, String jdk, String os) {

    static Machine describe(Database database) throws Exception {
        String version;
        try (Connection connection = database.connect("")) {
            version = Database.queryText(connection, "SELECT VERSION()");
        }
        return new Machine(
                cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                totalMemory(),
                version,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    /** The 1-, 5- and 15-minute load averages: other work on the machine shows here. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch"));
    }

    private static String totalMemory() {
        return procLine("/proc/meminfo", "MemTotal")
                .map(kb -> String.format("%.0f GiB", Long.parseLong(kb.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                .orElse("unknown");
    }

    private static java.util.Optional<String> procLine(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
