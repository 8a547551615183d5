package com.jm.job.client.autoconfigure;

import com.jm.job.client.node.JmJobNode;
import com.jm.job.client.node.NodeListener;
import com.jm.job.common.protocol.RunResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;

/**
 * The node's meters in Micrometer: runs by handler and state with their durations, and gauges of
 * the prefetch in use, outcomes waiting for the master and whether the master answers. Tagged with
 * the node's group and handler names only; a task naming a handler this node does not have counts
 * as {@code handler=unknown}, so the master cannot grow the tag set.
 */
public class JmJobNodeMetrics implements NodeListener {

    static final String UNKNOWN_HANDLER = "unknown";
    private static final Duration[] DURATION_BUCKETS = {
        Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)
    };

    private final MeterRegistry registry;
    private final String group;

    /**
     * @param registry where run meters go
     * @param group the node's group, a tag of every meter
     */
    public JmJobNodeMetrics(MeterRegistry registry, String group) {
        this.registry = registry;
        this.group = group;
    }

    @Override
    public void runEnded(String handler, RunResult result, Duration duration) {
        Timer.builder("jmjob.node.runs")
                .description("Runs this node executed, by handler and how they ended")
                .tags("group", group, "handler", handler == null ? UNKNOWN_HANDLER : handler, "state", result.name())
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry)
                .record(duration);
    }

    /** The gauges read the node itself, so they are bound once the node exists. */
    static MeterBinder gauges(JmJobNode node) {
        return registry -> {
            Gauge.builder("jmjob.node.runs.waiting", node, JmJobNode::waitingRuns)
                    .description("Claimed runs waiting here for a worker thread (the prefetch in use)")
                    .tag("group", node.group())
                    .register(registry);
            Gauge.builder("jmjob.node.outcomes.unreported", node, JmJobNode::unreportedOutcomes)
                    .description("Finished runs whose outcome the master has not acknowledged yet")
                    .tag("group", node.group())
                    .register(registry);
            Gauge.builder("jmjob.node.master.reachable", node, n -> n.isMasterReachable() ? 1 : 0)
                    .description("1 when the master answered the node's latest call, else 0")
                    .tag("group", node.group())
                    .register(registry);
        };
    }
}
