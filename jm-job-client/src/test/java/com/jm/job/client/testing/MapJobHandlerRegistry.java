package com.jm.job.client.testing;

import com.jm.job.client.JobHandler;
import com.jm.job.client.handler.JobHandlerRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Handlers a test registers by name, without a Spring context. */
public class MapJobHandlerRegistry implements JobHandlerRegistry {

    private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();

    public MapJobHandlerRegistry put(String name, JobHandler handler) {
        handlers.put(name, handler);
        return this;
    }

    @Override
    public Optional<JobHandler> find(String name) {
        return Optional.ofNullable(handlers.get(name));
    }

    @Override
    public Set<String> names() {
        return handlers.keySet();
    }
}
