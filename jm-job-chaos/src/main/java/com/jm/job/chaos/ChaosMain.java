package com.jm.job.chaos;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The chaos run (started by scripts/chaos.sh, which has already started MariaDB, its replica, Redis
 * and the network namespace): prints its seed first, runs the workload under faults, lets the
 * system settle, checks the invariants and prints the verdict table last. Exit status 0 only if
 * every check passed.
 */
public final class ChaosMain {

    private ChaosMain() {}

    public static void main(String[] args) throws Exception {
        ChaosOptions o = ChaosOptions.parse(args);
        System.out.println("[chaos] seed " + o.seed() + (o.shortRun() ? " (short)" : " (full)") + ", " + o.tasks()
                + " tasks, faults for " + o.faultWindow().toSeconds() + " s");
        long began = System.nanoTime();
        LoadSampler load = new LoadSampler();
        List<String> notRun = new ArrayList<>();
        if (!o.partitionPossible()) {
            notRun.add(Faults.PARTITION + ": " + o.netnsMissing());
            System.out.println("[chaos] !!! NOT RUN: " + Faults.PARTITION + ": " + o.netnsMissing());
        }
        int status;
        try (Cluster cluster = new Cluster(o)) {
            MasterApi api = new MasterApi(cluster);
            // One after the other: the first applies the schema.
            cluster.startMaster(0);
            awaitHealthy(api, 0);
            cluster.startMaster(1);
            awaitHealthy(api, 1);
            long group = MasterApi.id(api.post("/api/groups", "{\"name\":\"" + Cluster.GROUP + "\"}"));
            for (int i = 0; i < Cluster.NODES; i++) {
                cluster.startNode(i);
            }
            awaitNodes(o, Cluster.NODES);
            Workload workload = new Workload(api, o, group);
            workload.insertRecurring();
            FaultSchedule schedule = new FaultSchedule(new Faults(cluster, o), o.seed());
            Thread faults = new Thread(
                    () -> {
                        try {
                            schedule.run(o.faultWindow(), o.shortRun());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "jm-job-chaos-faults");
            faults.start();
            workload.insertOneShots(o.faultWindow().toSeconds() * 3 / 4);
            System.out.println("[chaos] inserted " + workload.inserted.get() + " one-shot tasks");
            faults.join();
            System.out.println("[chaos] faults over; settling");
            Thread.sleep(10_000);
            workload.disableRecurring();
            boolean settled = awaitQuiet(o, Duration.ofMinutes(5));
            System.out.println(settled ? "[chaos] settled" : "[chaos] did not settle within 5 minutes");
            cluster.stopGracefully();
            List<Path> journals = new ArrayList<>();
            for (int i = 0; i < Cluster.NODES; i++) {
                journals.add(cluster.journal(i));
            }
            Evidence evidence = Evidence.read(o, journals);
            keepRecurringRuns(o, evidence);
            Checks checks = new Checks(evidence);
            String elapsed = Duration.ofNanos(System.nanoTime() - began).toSeconds() + " s";
            String table = Report.table(
                    o, checks, schedule.injected, notRun, workload.disabled.get(), elapsed, load.summary());
            load.close();
            Report.write(o.report(), o, table);
            System.out.println();
            System.out.println(table);
            status = checks.all().stream().allMatch(c -> c.violations == 0) && notRun.isEmpty() ? 0 : 1;
        }
        System.exit(status);
    }

    /**
     * The run rows of the recurring tasks and the tasks' own rows as they were left, kept beside the
     * journals for a look at a slot check's failures.
     */
    private static void keepRecurringRuns(ChaosOptions o, Evidence e) throws java.io.IOException {
        StringBuilder out =
                new StringBuilder("run\ttask\tname\tstate\tattempt\ttrigger\tscheduled\tstarted\tfinished\tmessage\n");
        for (Evidence.Run r : e.runs.values()) {
            Evidence.Task t = e.tasks.get(r.taskId());
            if (t != null && t.recurring()) {
                row(
                        out,
                        r.id(),
                        t.id(),
                        t.name(),
                        r.state(),
                        r.attempt(),
                        r.trigger(),
                        instant(r.scheduledAt()),
                        instant(r.startedAt()),
                        instant(r.finishedAt()),
                        r.message());
            }
        }
        java.nio.file.Files.writeString(o.dir().resolve("recurring-runs.tsv"), out);
        // And the tasks as they were left: a fire pending or due when the disable came shows here.
        StringBuilder tasks = new StringBuilder(
                "task\tname\tstatus\tdisable\tnext_fire\tfire_slot\tpending_cause\tdisable_returned\n");
        for (Evidence.Task t : e.tasks.values()) {
            if (t.recurring() && t.unitOf() == null) {
                row(
                        tasks,
                        t.id(),
                        t.name(),
                        t.status(),
                        t.disabled() ? 1 : 0,
                        instant(t.nextFireTime()),
                        instant(t.fireSlot()),
                        t.pendingCause(),
                        instant(e.disabledAt.get(t.id())));
            }
        }
        java.nio.file.Files.writeString(o.dir().resolve("recurring-tasks.tsv"), tasks);
    }

    /** One tab-separated line. */
    private static void row(StringBuilder out, Object... fields) {
        for (int i = 0; i < fields.length; i++) {
            out.append(i == 0 ? "" : "\t").append(fields[i]);
        }
        out.append('\n');
    }

    private static String instant(Long millis) {
        return millis == null ? "-" : java.time.Instant.ofEpochMilli(millis).toString();
    }

    private static void awaitHealthy(MasterApi api, int master) throws InterruptedException {
        long giveUp = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!api.healthy(master)) {
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("master-" + (master + 1) + " did not become healthy (see its log)");
            }
            Thread.sleep(500);
        }
    }

    private static void awaitNodes(ChaosOptions o, int nodes) throws Exception {
        long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (count(o, "SELECT COUNT(*) FROM jm_node WHERE last_heartbeat_at > NOW(3) - INTERVAL 5 SECOND") < nodes) {
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("the nodes did not all register (see their logs)");
            }
            Thread.sleep(500);
        }
    }

    /** No run RUNNING, no task running, no enabled task pending, no unit row left. */
    private static boolean awaitQuiet(ChaosOptions o, Duration bound) throws Exception {
        long giveUp = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < giveUp) {
            try {
                long busy = count(o, "SELECT COUNT(*) FROM jm_task_run WHERE state = 'RUNNING'")
                        + count(
                                o,
                                "SELECT COUNT(*) FROM jm_task WHERE status = 2 OR (status = 1 AND disable = 0)"
                                        + " OR unit_of IS NOT NULL");
                if (busy == 0) {
                    return true;
                }
            } catch (java.sql.SQLException e) {
                System.out.println("[chaos] waiting for the database: " + e.getMessage());
            }
            Thread.sleep(2_000);
        }
        return false;
    }

    private static long count(ChaosOptions o, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(o.primaryJdbc(), "root", "");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
