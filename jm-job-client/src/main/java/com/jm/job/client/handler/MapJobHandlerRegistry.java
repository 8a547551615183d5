package com.jm.job.client.handler;

import com.jm.job.client.JobHandler;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** A fixed set of handlers by name, for nodes wired by hand. */
final class MapJobHandlerRegistry implements JobHandlerRegistry {

    private final Map<String, JobHandler> handlers;

    MapJobHandlerRegistry(Map<String, ? extends JobHandler> handlers) {
        // Sorted, as the starter's registry is, so logs list the names the same way.
        this.handlers = Collections.unmodifiableMap(new TreeMap<>(handlers));
    }

    @Override
    public Optional<JobHandler> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(handlers.get(name));
    }

    @Override
    public Set<String> names() {
        return handlers.keySet();
    }
}
