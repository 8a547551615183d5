package com.jm.job.chaos;

import com.jm.job.chaos.Checks.Check;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The verdict table, printed last and kept in docs/reliability.md: one section per seed and
 * variant (a run of the same seed and variant replaces its section).
 */
final class Report {

    private static final int COMPLETED_TWICE_SHOWN = 10;

    private static final String HEADER =
            """
            # Reliability: the chaos run

            `scripts/chaos.sh [--short] [--seed=N]` starts two masters (Redis index, a MariaDB primary
            with a replica), three journaling nodes, inserts a mixed workload and injects faults drawn
            from the printed seed, several at once; then it checks the invariants from the database and
            the nodes' journals (see the script's header for what each check means). Each section below
            is one run, written by the script. A unit of work completed twice (its first report reached
            no master within the lease, so it ran again, never overlapping) is reported, not failed.
            """;

    static String table(
            ChaosOptions o,
            Checks c,
            List<FaultSchedule.Injected> faults,
            List<String> notRun,
            int disabled,
            String elapsed,
            String load) {
        StringBuilder s = new StringBuilder();
        s.append("## Seed ")
                .append(o.seed())
                .append(o.shortRun() ? " (short)" : " (full)")
                .append("\n\n");
        s.append("Run at ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(", ")
                .append(elapsed)
                .append(". Rerun: `scripts/chaos.sh")
                .append(o.shortRun() ? " --short" : "")
                .append(" --seed=")
                .append(o.seed())
                .append("`\n\n");
        s.append("| measure | value |\n|---|---|\n");
        s.append("| machine load (other work may share the machine) | ")
                .append(load)
                .append(" |\n");
        int tasks = c.tasksByKind.values().stream().mapToInt(Integer::intValue).sum();
        s.append("| tasks | ")
                .append(tasks)
                .append(" (")
                .append(join(c.tasksByKind))
                .append("; ")
                .append(disabled)
                .append(" disabled mid-run) |\n");
        Map<String, Integer> byKind = new TreeMap<>();
        for (FaultSchedule.Injected f : faults) {
            byKind.merge(f.kind(), 1, Integer::sum);
        }
        s.append("| faults | ")
                .append(faults.size())
                .append(" (")
                .append(join(byKind))
                .append(") |\n");
        s.append("| faults not run | ")
                .append(notRun.isEmpty() ? "none" : String.join("; ", notRun))
                .append(" |\n");
        long failedSteps = faults.stream().filter(f -> f.error() != null).count();
        s.append("| fault steps that failed | ").append(failedSteps).append(" |\n");
        s.append("| runs by state | ").append(join(c.runsByState)).append(" |\n");
        s.append("| duplicates (a unit with two SUCCEEDED runs, or two executions overlapping) | ")
                .append(c.duplicates)
                .append(" |\n");
        s.append("| lost (a one-shot task or unit with no SUCCEEDED run) | ")
                .append(c.lost)
                .append(" |\n");
        s.append("| stuck (a run not terminal, a task left pending/running) | ")
                .append(c.stuck)
                .append(" |\n");
        s.append("| worst recovery | ")
                .append(c.worstRecoveryMs)
                .append(" ms: ")
                .append(c.worstRecovery)
                .append(" |\n");
        s.append("| completed twice (at-least-once, reported, not a failure: see below) | ")
                .append(c.completedTwice.size())
                .append(" |\n");
        s.append("| broadcast fires FAILED (a unit's node was gone; by design) | ")
                .append(c.broadcastFiresFailed)
                .append(" |\n");
        s.append("| units run again after a LOST or UNDELIVERED run | ")
                .append(c.redone)
                .append(" |\n");
        s.append("| slots checked / covered by SKIPPED / by a misfired fire / by a fire a disable holds | ")
                .append(c.slotsChecked)
                .append(" / ")
                .append(c.slotsSkipped)
                .append(" / ")
                .append(c.slotsMisfireCovered)
                .append(" / ")
                .append(c.slotsHeld)
                .append(" |\n\n");
        s.append("| check | violations | examples |\n|---|---|---|\n");
        for (Check check : c.all()) {
            s.append("| ")
                    .append(check.name)
                    .append(" | ")
                    .append(check.violations)
                    .append(" | ")
                    .append(String.join("<br>", check.examples).replace("|", "\\|"))
                    .append(" |\n");
        }
        s.append("\nCompleted twice (a first execution ended OK inside its lease, no master applied its report in time,"
                        + " the run ended LOST or UNDELIVERED and the unit ran again; with the faults on that node,"
                        + " a master or the primary between the two): ")
                .append(c.completedTwice.isEmpty() ? "none" : String.valueOf(c.completedTwice.size()))
                .append("\n\n");
        int shown = 0;
        for (Checks.CompletedTwice twice : c.completedTwice) {
            if (shown++ == COMPLETED_TWICE_SHOWN) {
                s.append("- … and ")
                        .append(c.completedTwice.size() - COMPLETED_TWICE_SHOWN)
                        .append(" more\n");
                break;
            }
            s.append("- ")
                    .append(twice.unit())
                    .append(": ")
                    .append(ended(twice.first(), twice.firstState()))
                    .append("; ")
                    .append(ended(twice.second(), twice.secondState()))
                    .append(", ")
                    .append(twice.second().start - twice.first().lastEffect)
                    .append(" ms later; faults: ")
                    .append(faultsBetween(faults, twice))
                    .append("\n");
        }
        s.append("\nFaults in order:\n\n");
        for (FaultSchedule.Injected f : faults) {
            s.append("- ")
                    .append(f.injected().truncatedTo(ChronoUnit.MILLIS))
                    .append(" ")
                    .append(f.kind())
                    .append(" on ")
                    .append(f.target())
                    .append(", healed after ")
                    .append(f.healed().toEpochMilli() - f.injected().toEpochMilli())
                    .append(" ms")
                    .append(f.error() == null ? "" : " (" + f.error() + ")")
                    .append("\n");
        }
        return s.toString();
    }

    static void write(Path file, ChaosOptions o, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : HEADER;
        String title = "## Seed " + o.seed() + (o.shortRun() ? " (short)" : " (full)");
        int at = text.indexOf(title + "\n");
        if (at >= 0) {
            int next = text.indexOf("\n## Seed ", at + 1);
            text = text.substring(0, at) + (next < 0 ? "" : text.substring(next + 1));
        }
        if (!text.endsWith("\n\n")) {
            text = text + (text.endsWith("\n") ? "\n" : "\n\n");
        }
        Files.writeString(file, text + section);
    }

    private static String ended(Evidence.Execution x, String state) {
        return x + " token " + x.token + " ended " + state;
    }

    /** The faults on the first execution's node, a master or the primary, active between the two executions. */
    private static String faultsBetween(List<FaultSchedule.Injected> faults, Checks.CompletedTwice twice) {
        List<String> out = new ArrayList<>();
        for (FaultSchedule.Injected f : faults) {
            boolean where = f.target().equals(twice.first().node)
                    || f.target().startsWith("master")
                    || f.target().equals("primary");
            boolean when = f.injected().toEpochMilli() <= twice.second().start
                    && f.healed().toEpochMilli() >= twice.first().start;
            if (where && when) {
                out.add(f.kind() + " on " + f.target() + " at " + f.injected().truncatedTo(ChronoUnit.MILLIS));
            }
        }
        return out.isEmpty() ? "none on that node, a master or the primary" : String.join(", ", out);
    }

    private static String join(Map<String, Integer> counts) {
        StringBuilder s = new StringBuilder();
        counts.forEach((k, v) ->
                s.append(s.isEmpty() ? "" : ", ").append(k).append(" ").append(v));
        return s.toString();
    }
}
