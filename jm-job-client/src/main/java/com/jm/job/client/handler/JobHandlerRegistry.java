package com.jm.job.client.handler;

import com.jm.job.client.JobHandler;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The job handlers a node can run, by name. Only handlers are found here, never an arbitrary bean
 * that happens to carry the name a task asks for. The Spring Boot starter finds them among the
 * application's beans; a program without Spring passes a map to {@link #of(Map)}.
 */
public interface JobHandlerRegistry {

    /** The handler with this name, or empty when the node has none. */
    Optional<JobHandler> find(String name);

    /** Names of every handler on the node, for logs and error messages. */
    Set<String> names();

    /** A registry of exactly these handlers, by name; later changes to the map do not show. */
    static JobHandlerRegistry of(Map<String, ? extends JobHandler> handlers) {
        return new MapJobHandlerRegistry(handlers);
    }
}
