package com.jm.job.client.handler;

import com.jm.job.client.JobHandler;
import java.util.Map;

/**
 * Job handlers found by a rule the starter does not know itself, for example methods carrying
 * another scheduler's annotation ({@code jm-job-xxl-job-compat} is one). The starter's registry asks
 * every bean of this type once, after every singleton exists, and takes the answers as it takes its
 * own handlers: by name, two with one name failing start-up.
 *
 * <p>A task's {@code beanName} runs whatever is returned here, so a source must return only what
 * its application marked as a job handler, never a bean that merely has a matching name.
 */
@FunctionalInterface
public interface JobHandlerSource {

    /** The handlers by name; asked once, before the node starts. */
    Map<String, JobHandler> handlers();
}
