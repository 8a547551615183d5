package com.jm.job.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What scripts/chaos.sh hands the harness ({@code --name=value}): the seed, the variant's size and
 * length, the run directory, the ports of what the script started, and the control command that
 * stops and starts those services.
 */
record ChaosOptions(
        long seed,
        boolean shortRun,
        int tasks,
        Duration faultWindow,
        Path dir,
        Path masterJar,
        Path report,
        String ctl,
        int[] masterPorts,
        int primaryPort,
        int replicaPort,
        int redisPort,
        String database,
        String appUser,
        String appPassword,
        String netnsHostIp,
        String netnsName,
        String netnsMissing) {

    /** The lease the masters grant; a pause or a cut lasts longer than this. */
    static final Duration LEASE = Duration.ofSeconds(8);

    static ChaosOptions parse(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            a.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        boolean shortRun = Boolean.parseBoolean(a.getOrDefault("short", "false"));
        long seed = a.containsKey("seed") ? Long.parseLong(a.get("seed")) : System.nanoTime() % 1_000_000;
        return new ChaosOptions(
                seed,
                shortRun,
                Integer.parseInt(a.getOrDefault("tasks", shortRun ? "1500" : "10000")),
                Duration.ofSeconds(Long.parseLong(a.getOrDefault("fault-seconds", shortRun ? "70" : "300"))),
                Path.of(a.get("dir")),
                Path.of(a.get("master-jar")),
                Path.of(a.get("report")),
                a.get("ctl"),
                new int[] {Integer.parseInt(a.get("master-port")), Integer.parseInt(a.get("master-port")) + 1},
                Integer.parseInt(a.get("primary-port")),
                Integer.parseInt(a.get("replica-port")),
                Integer.parseInt(a.get("redis-port")),
                a.get("database"),
                a.get("app-user"),
                a.get("app-password"),
                a.get("netns-host-ip"),
                a.get("netns"),
                a.getOrDefault("netns-missing", ""));
    }

    boolean partitionPossible() {
        return netnsMissing.isBlank();
    }

    String primaryJdbc() {
        return "jdbc:mysql://127.0.0.1:" + primaryPort + "/" + database + "?connectTimeout=2000&socketTimeout=30000";
    }
}
