package com.jm.job.master.metrics;

import com.jm.job.master.domain.RunState;
import com.jm.job.master.domain.Trigger;
import com.jm.job.master.events.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * What the dispatch paths tell the metrics: runs started by a claim, runs ended by a node's report
 * or by lease recovery, polls held. Everything recorded comes from rows those paths read anyway, so
 * metrics add no statement to a claim or a finish. Counts are taken once the transaction commits: a
 * claim or finish that rolls back never happened, and is not counted.
 *
 * <p>Tags are group names, triggers and run states: bounded sets, never task or run ids. See
 * docs/observability.md for the list.
 */
@Component
public class MasterMetrics {

    /** Histogram buckets of dispatch lateness: a healthy system sits in the first few. */
    private static final Duration[] LATENESS_BUCKETS =
            durations(10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000);
    /** Histogram buckets of run durations: short jobs to hour-long ones. */
    private static final Duration[] DURATION_BUCKETS =
            durations(10, 50, 100, 500, 1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 900_000, 3_600_000);

    private static final double[] BATCH_BUCKETS = {1, 2, 5, 10, 20, 50, 100, 200, 500};

    private final MeterRegistry registry;
    private final GroupNames groups;
    private final AtomicInteger heldPolls = new AtomicInteger();

    public MasterMetrics(MeterRegistry registry, GroupNames groups) {
        this.registry = registry;
        this.groups = groups;
        Gauge.builder("jmjob.polls.held", heldPolls, AtomicInteger::get)
                .description("Node polls this master holds open, waiting for work")
                .register(registry);
    }

    /**
     * A run a claim handed to a node.
     *
     * @param trigger what made its task pending
     * @param lateness from when it was due to the claim, by the database clock (never negative)
     */
    public record Start(Trigger trigger, Duration lateness) {}

    /**
     * A run that ended.
     *
     * @param groupId its task's group
     * @param state how it ended
     * @param trigger what made its task pending
     * @param durationMs how long its handler ran, as the node reported; null when no node reported
     */
    public record End(long groupId, RunState state, Trigger trigger, Long durationMs) {}

    /** Counts one claim's runs once its transaction commits; call inside the claim's transaction. */
    public void started(long groupId, List<Start> starts) {
        if (starts.isEmpty()) {
            return;
        }
        String group = groups.name(groupId);
        AfterCommit.run(() -> {
            DistributionSummary.builder("jmjob.claim.batch.size")
                    .description("Runs handed out by one claim (claims that found nothing are not counted)")
                    .tag("group", group)
                    .serviceLevelObjectives(BATCH_BUCKETS)
                    .register(registry)
                    .record(starts.size());
            for (Start start : starts) {
                String trigger = name(start.trigger());
                Counter.builder("jmjob.runs.started")
                        .description("Runs handed to nodes by claims")
                        .tags("group", group, "trigger", trigger)
                        .register(registry)
                        .increment();
                Timer.builder("jmjob.dispatch.lateness")
                        .description("From when a run was due to the claim that handed it to a node")
                        .tags("group", group, "trigger", trigger)
                        .serviceLevelObjectives(LATENESS_BUCKETS)
                        .register(registry)
                        .record(start.lateness().isNegative() ? Duration.ZERO : start.lateness());
            }
        });
    }

    /** Counts runs that ended once the transaction commits; call inside the transaction that ends them. */
    public void ended(List<End> ends) {
        if (ends.isEmpty()) {
            return;
        }
        List<Tagged> tagged =
                ends.stream().map(e -> new Tagged(groups.name(e.groupId()), e)).toList();
        AfterCommit.run(() -> tagged.forEach(this::record));
    }

    /** A poll starts waiting for work; {@link #pollReleased()} must follow. */
    public void pollHeld() {
        heldPolls.incrementAndGet();
    }

    /** A poll stopped waiting (work came, the wait ended, the master stops). */
    public void pollReleased() {
        heldPolls.decrementAndGet();
    }

    private void record(Tagged t) {
        End end = t.end();
        Counter.builder("jmjob.runs.finished")
                .description("Runs ended by a node's report or by lease recovery")
                .tags("group", t.group(), "state", end.state().name(), "trigger", name(end.trigger()))
                .register(registry)
                .increment();
        if (end.durationMs() != null) {
            Timer.builder("jmjob.run.duration")
                    .description("How long handlers ran, as their nodes reported")
                    .tags("group", t.group(), "state", end.state().name())
                    .serviceLevelObjectives(DURATION_BUCKETS)
                    .register(registry)
                    .record(Duration.ofMillis(end.durationMs()));
        }
        if (end.state() == RunState.LOST || end.state() == RunState.UNDELIVERED) {
            Counter.builder("jmjob.leases.lapsed")
                    .description("Runs whose lease lapsed: LOST (node stopped heartbeating) or UNDELIVERED")
                    .tags("group", t.group(), "state", end.state().name())
                    .register(registry)
                    .increment();
        }
    }

    /** A run's trigger as a tag: a task made pending before triggers were recorded ran as inserted. */
    private static String name(Trigger trigger) {
        return (trigger == null ? Trigger.INSERT : trigger).name();
    }

    private static Duration[] durations(long... millis) {
        Duration[] durations = new Duration[millis.length];
        for (int i = 0; i < millis.length; i++) {
            durations[i] = Duration.ofMillis(millis[i]);
        }
        return durations;
    }

    private record Tagged(String group, End end) {}
}
