package com.jm.job.bench;

import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

/**
 * A jm-job node as a user builds one: a Spring Boot app with the starter and one job handler, here a
 * no-op that only notes that it ran. Started as its own JVM by the benchmark, configured through
 * {@code --jm.job.client.*} arguments.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BenchNode {

    /** The handler's bean name, which the benchmark's tasks name. */
    static final String HANDLER = "benchNoop";

    @Bean(HANDLER)
    JobHandler benchNoop(ExecutionCounter counter) {
        return context -> {
            counter.started(context.taskName());
            return JobResult.success();
        };
    }

    @Bean
    ExecutionCounter executionCounter(org.springframework.core.env.Environment environment) {
        return new ExecutionCounter(environment.getProperty("jm.job.client.instance", "node"));
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(BenchNode.class)
                .web(WebApplicationType.NONE)
                .run(args);
    }
}
