package com.jm.job.master.metrics;

import com.jm.job.master.config.JmJobMasterProperties;
import com.jm.job.master.domain.GroupRecord;
import com.jm.job.master.index.GuardedPendingIndex;
import com.jm.job.master.store.GroupLoad;
import com.jm.job.master.store.MetricsMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gauges of the master's state: pending and running tasks and online nodes per group, counted by
 * {@link #refresh()} every {@code metrics-refresh-interval} (one statement per kind for all groups;
 * a scrape reads the last counts and costs the database nothing), and whether the pending index is
 * available (read from the index guard at each scrape). Every master exports the same counts; take
 * {@code max} over masters, not {@code sum}.
 */
@Component
public class GroupGauges {

    private final MetricsMapper mapper;
    private final GroupNames names;
    private final JmJobMasterProperties properties;
    private final MultiGauge pending;
    private final MultiGauge running;
    private final MultiGauge online;
    /** The last counts by group name; the gauges read them through this bean, which Spring holds. */
    private volatile Counts counts = new Counts(Map.of(), Map.of(), Map.of());

    public GroupGauges(
            MetricsMapper mapper,
            GroupNames names,
            GuardedPendingIndex index,
            JmJobMasterProperties properties,
            MeterRegistry registry) {
        this.mapper = mapper;
        this.names = names;
        this.properties = properties;
        this.pending = MultiGauge.builder("jmjob.tasks.pending")
                .description("Tasks and units of fires waiting to be claimed (enabled; due or not)")
                .register(registry);
        this.running = MultiGauge.builder("jmjob.tasks.running")
                .description("Runs held by nodes now")
                .register(registry);
        this.online = MultiGauge.builder("jmjob.nodes.online")
                .description("Enabled nodes whose last heartbeat is within node-offline-after")
                .register(registry);
        Gauge.builder("jmjob.index.available", index, i -> i.isAvailable() ? 1 : 0)
                .description("1 while polls take work from the pending index, 0 while they search the table")
                .register(registry);
    }

    /**
     * Counts again. Read-only, so with replicas configured the counts come from one of them: a
     * gauge may lag a little, and the primary is spared.
     */
    @Transactional(readOnly = true)
    public void refresh() {
        List<GroupRecord> groups = mapper.groups();
        names.load(groups);
        counts = new Counts(
                byName(groups, mapper.pendingTasks()),
                byName(groups, mapper.runningTasks()),
                byName(
                        groups,
                        mapper.onlineNodes(properties.getNodeOfflineAfter().toMillis())));
        // Every group gets a row, zeros included, so a group that empties shows 0 rather than vanish;
        // rows of groups that are gone are dropped.
        pending.register(rows(groups, Counts::pending), true);
        running.register(rows(groups, Counts::running), true);
        online.register(rows(groups, Counts::online), true);
    }

    private static Map<String, Long> byName(List<GroupRecord> groups, List<GroupLoad> loads) {
        Map<Long, Long> byId = loads.stream().collect(Collectors.toMap(GroupLoad::getGroupId, GroupLoad::getCount));
        return groups.stream().collect(Collectors.toMap(GroupRecord::getName, g -> byId.getOrDefault(g.getId(), 0L)));
    }

    private List<MultiGauge.Row<?>> rows(List<GroupRecord> groups, Function<Counts, Map<String, Long>> kind) {
        return groups.stream()
                .<MultiGauge.Row<?>>map(
                        g -> MultiGauge.Row.of(Tags.of("group", g.getName()), this, gauges -> kind.apply(gauges.counts)
                                .getOrDefault(g.getName(), 0L)))
                .toList();
    }

    private record Counts(Map<String, Long> pending, Map<String, Long> running, Map<String, Long> online) {}
}
