package com.jm.job.chaos;

import com.jm.job.chaos.Evidence.Execution;
import com.jm.job.chaos.Evidence.Run;
import com.jm.job.chaos.Evidence.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The invariants of the chaos run, each checked from the {@link Evidence}; examples name run ids. */
final class Checks {

    /** One invariant: how many violated it, and up to a few examples. */
    static final class Check {
        final String name;
        int violations;
        final List<String> examples = new ArrayList<>();

        Check(String name) {
            this.name = name;
        }

        void violated(String example) {
            violations++;
            if (examples.size() < 5) {
                examples.add(example);
            }
        }
    }

    static final long MISFIRE_THRESHOLD_MS = 5_000;
    private static final Pattern SKIPPED_SPAN = Pattern.compile("\\(([^)…]+?)(?: … ([^)]+))?\\)");

    final Check exactlyOnce =
            new Check("every one-shot task (and each unit of its fire) has exactly one SUCCEEDED run");
    final Check overlap = new Check("no two executions of a unit of work overlap (journals)");
    final Check fencing =
            new Check("of two executions of a unit of work, the later has the greater fencing token (journals)");
    final Check afterDisable = new Check("no handler started after its task's disable returned");
    final Check terminal = new Check("every run is terminal, no task left pending/running, no unit row left");
    final Check slots = new Check("every cron/fixed-rate slot in the window fired once or is recorded SKIPPED");
    final Check journalVsDb = new Check("journals agree with the database (every START has a run row)");
    int lost;
    int duplicates;
    int stuck;
    long worstRecoveryMs;
    String worstRecovery = "none (no run was lost)";
    int broadcastFiresFailed;
    final Map<String, Integer> runsByState = new TreeMap<>();
    final Map<String, Integer> tasksByKind = new TreeMap<>();
    int slotsChecked;
    int slotsSkipped;
    int slotsMisfireCovered;
    int slotsHeld;
    int redone;

    /**
     * A unit of work whose handler completed twice: the first execution ended OK inside its lease
     * (by its node's clock), but no master applied its report before the lease lapsed there (the
     * node was cut off, paused or killed before it reported, or the database was away), so the run
     * ended LOST (or UNDELIVERED), the late report was refused and the unit ran again. The
     * at-least-once window of any lease; reported, not a failure: that the two did not overlap is
     * the overlap check's, that only one SUCCEEDED is recorded the exactly-once check's, that the
     * second had the greater fencing token the fencing check's.
     */
    record CompletedTwice(String unit, Execution first, String firstState, Execution second, String secondState) {}

    final List<CompletedTwice> completedTwice = new ArrayList<>();

    Checks(Evidence e) {
        Map<String, List<Run>> unitRuns = new HashMap<>();
        Map<Long, List<Run>> runsByTask = new HashMap<>();
        for (Run r : e.runs.values()) {
            runsByState.merge(r.state(), 1, Integer::sum);
            runsByTask.computeIfAbsent(r.taskId(), k -> new ArrayList<>()).add(r);
            String unit = unit(e, r);
            if (unit != null) {
                unitRuns.computeIfAbsent(unit, k -> new ArrayList<>()).add(r);
            }
            if (r.state().equals("RUNNING")) {
                terminal.violated("run " + r.id() + " of task " + r.taskId() + " still RUNNING");
            }
        }
        for (Task t : e.tasks.values()) {
            if (t.unitOf() != null) {
                terminal.violated("unit row " + t.id() + " of task " + t.unitOf() + " left, status " + t.status());
                continue;
            }
            tasksByKind.merge(t.kind(), 1, Integer::sum);
            if (!t.disabled() && (t.status() == 1 || t.status() == 2)) {
                terminal.violated("task " + t.id() + " (" + t.name() + ") left in status " + t.status());
            }
        }
        stuck = terminal.violations;
        checkExactlyOnce(e, unitRuns, runsByTask);
        checkJournals(e, unitRuns);
        checkSlots(e, runsByTask);
    }

    /** Which unit of work a run belongs to; null for fire records and SKIPPED rows. */
    static String unit(Evidence e, Run r) {
        if (r.fireRecord() || r.state().equals("SKIPPED")) {
            return null;
        }
        Task t = e.tasks.get(r.taskId());
        if (r.fireId() != null) {
            return t != null && "BROADCAST".equals(t.mode())
                    ? "fire " + r.fireId() + " node " + r.nodeId()
                    : "fire " + r.fireId() + " shard " + r.shardIndex();
        }
        if (t != null && t.recurring()) {
            return "task " + r.taskId() + " slot "
                    + (r.scheduledAt() == null ? "?" : Instant.ofEpochMilli(r.scheduledAt()));
        }
        return "task " + r.taskId();
    }

    private void checkExactlyOnce(Evidence e, Map<String, List<Run>> unitRuns, Map<Long, List<Run>> runsByTask) {
        for (Map.Entry<String, List<Run>> u : unitRuns.entrySet()) {
            long ok = u.getValue().stream()
                    .filter(r -> r.state().equals("SUCCEEDED"))
                    .count();
            if (ok > 1) {
                duplicates++;
                exactlyOnce.violated(u.getKey() + ": " + ok + " SUCCEEDED runs " + ids(u.getValue()));
            }
        }
        for (Task t : e.tasks.values()) {
            if (t.unitOf() != null || t.recurring() || t.disabled()) {
                continue;
            }
            List<Run> runs = runsByTask.getOrDefault(t.id(), List.of());
            boolean several = "BROADCAST".equals(t.mode()) || t.shards() > 1;
            List<Run> fires = runs.stream()
                    .filter(r -> several ? r.fireRecord() : r.fireId() == null)
                    .toList();
            long ok = fires.stream().filter(r -> r.state().equals("SUCCEEDED")).count();
            if (ok == 0) {
                if ("BROADCAST".equals(t.mode())
                        && fires.stream().anyMatch(r -> r.state().equals("FAILED"))) {
                    // By design: a broadcast unit whose node is gone is given up (LOST, the fire FAILED).
                    broadcastFiresFailed++;
                    continue;
                }
                lost++;
                exactlyOnce.violated("task " + t.id() + " (" + t.name() + ", status " + t.status() + "): no SUCCEEDED "
                        + (several ? "fire" : "run") + ", runs " + ids(runs));
            } else if (ok > 1) {
                duplicates++;
                exactlyOnce.violated("task " + t.id() + ": " + ok + " SUCCEEDED fires " + ids(fires));
            }
        }
    }

    private void checkJournals(Evidence e, Map<String, List<Run>> unitRuns) {
        Map<String, List<Execution>> byUnit = new HashMap<>();
        for (Execution x : e.executions) {
            Run r = e.runs.get(x.runId);
            if (r == null) {
                journalVsDb.violated(
                        "journal START of run " + x.runId + " (task " + x.taskId + ", " + x.node + ") has no run row");
                continue;
            }
            byUnit.computeIfAbsent(unit(e, r), k -> new ArrayList<>()).add(x);
            Long disabled = e.disabledAt.get(x.taskId);
            if (disabled != null && x.start > disabled) {
                afterDisable.violated("run " + x.runId + " of task " + x.taskId + " started on " + x.node + " at "
                        + Instant.ofEpochMilli(x.start) + ", " + (x.start - disabled)
                        + " ms after its disable returned");
            }
        }
        for (Map.Entry<String, List<Execution>> u : byUnit.entrySet()) {
            List<Execution> xs = new ArrayList<>(u.getValue());
            xs.sort(Comparator.comparingLong(x -> x.start));
            for (int i = 0; i < xs.size(); i++) {
                for (int j = i + 1; j < xs.size(); j++) {
                    if (xs.get(j).start < xs.get(i).lastEffect) {
                        overlap.violated(u.getKey() + ": " + xs.get(i) + " overlaps " + xs.get(j));
                    }
                }
            }
            for (int i = 0; i + 1 < xs.size(); i++) {
                Execution a = xs.get(i);
                Execution b = xs.get(i + 1);
                if (a.runId != b.runId && b.token <= a.token) {
                    fencing.violated(u.getKey() + ": " + b + " (token " + b.token + ") started after " + a + " (token "
                            + a.token + ")");
                }
            }
            List<Execution> done =
                    xs.stream().filter(x -> x.outcome.equals("OK")).toList();
            for (int i = 0; i + 1 < done.size(); i++) {
                Execution a = done.get(i);
                Execution b = done.get(i + 1);
                completedTwice.add(new CompletedTwice(
                        u.getKey(),
                        a,
                        e.runs.get(a.runId).state(),
                        b,
                        e.runs.get(b.runId).state()));
            }
            for (int i = 0; i + 1 < xs.size(); i++) {
                Execution a = xs.get(i);
                Run ra = e.runs.get(a.runId);
                if (!ra.state().equals("FAILED") || !a.outcome.equals("FAIL")) {
                    long gap = xs.get(i + 1).start - a.lastEffect;
                    if (gap > worstRecoveryMs) {
                        worstRecoveryMs = gap;
                        worstRecovery = u.getKey() + ": " + a + " ended " + ra.state() + ", next run "
                                + xs.get(i + 1).runId + " started " + gap + " ms after its last effect";
                    }
                }
            }
        }
        duplicates += overlap.violations;
        // Runs claimed but never started (UNDELIVERED, or lost before their handler began) then run again.
        for (List<Run> rs : unitRuns.values()) {
            for (int i = 0; i + 1 < rs.size(); i++) {
                Run a = rs.get(i);
                if ((a.state().equals("UNDELIVERED") || a.state().equals("LOST"))
                        && a.startedAt() != null
                        && rs.get(i + 1).startedAt() != null) {
                    redone++;
                    boolean started = e.executions.stream().anyMatch(x -> x.runId == a.id());
                    long gap = rs.get(i + 1).startedAt() - a.startedAt();
                    if (!started && gap > worstRecoveryMs) {
                        worstRecoveryMs = gap;
                        worstRecovery = "task " + a.taskId() + ": run " + a.id() + " claimed, never started, "
                                + a.state() + "; run " + rs.get(i + 1).id() + " claimed " + gap + " ms later";
                    }
                }
            }
        }
    }

    private void checkSlots(Evidence e, Map<Long, List<Run>> runsByTask) {
        for (Task t : e.tasks.values()) {
            if (!t.recurring() || t.unitOf() != null) {
                continue;
            }
            Long disabled = e.disabledAt.get(t.id());
            if (disabled == null) {
                slots.violated("task " + t.id() + " (" + t.name() + ") was never disabled: no window end");
                continue;
            }
            long end = disabled - 1_000;
            TreeSet<Long> expected = new TreeSet<>();
            if (t.cron() != null) {
                for (long s = (t.createdAt() / 1000 + 2) * 1000; s <= end; s += 1000) {
                    expected.add(s);
                }
            } else {
                for (long s = t.runAt(); s <= end; s += t.fixedRateMs()) {
                    expected.add(s);
                }
            }
            TreeSet<Long> covered = new TreeSet<>();
            List<long[]> spans = new ArrayList<>();
            // The fire the disable holds: it runs when the task is enabled and, late by then,
            // stands for every slot since its own (the misfire rule).
            Long held = heldFrom(t, end);
            Map<Long, Run> firstOfSlot = new HashMap<>();
            for (Run r : runsByTask.getOrDefault(t.id(), List.of())) {
                if (r.scheduledAt() == null) {
                    continue;
                }
                if (r.state().equals("SKIPPED")) {
                    long last = skippedUntil(r);
                    spans.add(new long[] {r.scheduledAt(), last});
                    slotsSkipped += (int)
                            expected.subSet(r.scheduledAt(), true, last, true).size();
                } else {
                    covered.add(r.scheduledAt());
                    firstOfSlot.merge(r.scheduledAt(), r, (a, b) -> a.id() < b.id() ? a : b);
                }
            }
            for (Run first : firstOfSlot.values()) {
                if (first.startedAt() != null && first.startedAt() - first.scheduledAt() > MISFIRE_THRESHOLD_MS) {
                    spans.add(new long[] {first.scheduledAt() + 1, first.startedAt()});
                    slotsMisfireCovered += (int) expected.subSet(first.scheduledAt(), false, first.startedAt(), true)
                            .size();
                }
            }
            for (long s : expected) {
                slotsChecked++;
                boolean ok = covered.contains(s) || spans.stream().anyMatch(sp -> s >= sp[0] && s <= sp[1]);
                if (!ok && held != null && s >= held) {
                    slotsHeld++;
                } else if (!ok) {
                    slots.violated("task " + t.id() + " (" + t.name() + ") slot " + Instant.ofEpochMilli(s)
                            + " neither fired nor recorded SKIPPED (runs around it: " + near(runsByTask.get(t.id()), s)
                            + "; the task was left " + left(t) + ")");
                }
            }
        }
    }

    /**
     * The slot of a fire that a disable left waiting, or null: a disabled task left pending (a slot
     * fired, or a retry of its fire, not claimed before the disable: never claimed while disabled) or
     * idle with its next slot already due in the window (the disable came before the cron loop fired
     * it). Either fire starts when the task is enabled.
     */
    static Long heldFrom(Task t, long end) {
        if (!t.disabled()) {
            return null;
        }
        if (t.status() == 1 && t.fireSlot() != null) {
            return t.fireSlot();
        }
        if (t.status() == 0 && t.nextFireTime() != null && t.nextFireTime() <= end) {
            return t.nextFireTime();
        }
        return null;
    }

    /** The last slot a SKIPPED row covers, read from its message "N slots skipped (first … last)". */
    static long skippedUntil(Run r) {
        Matcher m = SKIPPED_SPAN.matcher(r.message() == null ? "" : r.message());
        if (!m.find()) {
            return r.scheduledAt();
        }
        String first = m.group(1).trim();
        String last = m.group(2) == null ? first : m.group(2).trim();
        if (!last.contains("T")) {
            last = first.substring(0, first.indexOf('T') + 1) + last;
        }
        long until = Instant.parse(last).toEpochMilli();
        // "more than N slots": the row stands for every slot up to the next fire.
        return r.message().contains("more than") ? Long.MAX_VALUE : until;
    }

    private static String left(Task t) {
        String status =
                switch (t.status()) {
                    case 0 -> "NOT_STARTED";
                    case 1 -> "PENDING";
                    case 2 -> "RUNNING";
                    case 3 -> "ERROR";
                    default -> "status " + t.status();
                };
        return status + ", next fire " + (t.nextFireTime() == null ? "none" : Instant.ofEpochMilli(t.nextFireTime()))
                + (t.fireSlot() == null ? "" : ", fire slot " + Instant.ofEpochMilli(t.fireSlot()));
    }

    private static String near(List<Run> runs, long slot) {
        if (runs == null) {
            return "none";
        }
        List<String> out = new ArrayList<>();
        for (Run r : runs) {
            if (r.scheduledAt() != null && Math.abs(r.scheduledAt() - slot) <= 4_000) {
                out.add(r.id() + " " + r.state() + " due " + Instant.ofEpochMilli(r.scheduledAt()) + " started "
                        + (r.startedAt() == null ? "-" : Instant.ofEpochMilli(r.startedAt())));
            }
        }
        return out.isEmpty() ? "none within 4 s" : String.join("; ", out);
    }

    private static String ids(List<Run> runs) {
        List<String> out = new ArrayList<>();
        for (Run r : runs) {
            out.add(r.id() + ":" + r.state());
        }
        return out.size() > 8 ? out.subList(0, 8) + "…" : out.toString();
    }

    /** The checks the verdict depends on: the run passes only if none is violated. */
    List<Check> all() {
        return List.of(exactlyOnce, overlap, fencing, afterDisable, terminal, slots, journalVsDb);
    }
}
