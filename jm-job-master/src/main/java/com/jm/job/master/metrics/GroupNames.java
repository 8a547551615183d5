package com.jm.job.master.metrics;

import com.jm.job.master.domain.GroupRecord;
import com.jm.job.master.store.MetricsMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Group names by id, the tag value of every per-group meter. The claim, finish and lease paths know
 * a run's group id only; this keeps them from reading the group: the names are loaded with the
 * gauges' refresh, and again only when a group unknown here turns up (once per new group, not per
 * run). Names never change once a group exists.
 */
@Component
public class GroupNames {

    /** The tag value for a group that is not (or no longer) in the table. */
    static final String UNKNOWN = "unknown";

    private final MetricsMapper mapper;
    private final Map<Long, String> names = new ConcurrentHashMap<>();

    public GroupNames(MetricsMapper mapper) {
        this.mapper = mapper;
    }

    /** The group's name, loading every group's if this one is not known yet. */
    public String name(long groupId) {
        String name = names.get(groupId);
        if (name == null) {
            load(mapper.groups());
            name = names.getOrDefault(groupId, UNKNOWN);
        }
        return name;
    }

    /** Takes in a fresh read of every group. */
    void load(List<GroupRecord> groups) {
        groups.forEach(g -> names.put(g.getId(), g.getName()));
    }
}
