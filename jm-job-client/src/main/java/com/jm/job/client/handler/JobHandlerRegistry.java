package com.jm.job.client.handler;

import com.jm.job.client.JobHandler;
import java.util.Optional;
import java.util.Set;

/**
 * The job handlers a node can run, by name. Only handlers are found here, never an arbitrary bean
 * that happens to carry the name a task asks for.
 */
public interface JobHandlerRegistry {

    /** The handler with this name, or empty when the node has none. */
    Optional<JobHandler> find(String name);

    /** Names of every handler on the node, for logs and error messages. */
    Set<String> names();
}
