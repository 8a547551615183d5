package com.jm.job.bench;

import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A jm-job node as a user builds one: a Spring Boot app with the starter and one job handler, here a
 * no-op that only notes that it ran. Started as its own JVM by the benchmark, configured through
 * {@code --jm.job.client.*} arguments, and two of its own for the observability scenario:
 * {@code --bench.run-log-line=true} has every run write one line to its run log
 * ({@code JobContext.log}), and {@code --bench.node-metrics=true} gives the app a meter registry,
 * as an application with Micrometer has, so the starter's node metrics are on.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BenchNode {

    /** The handler's bean name, which the benchmark's tasks name. */
    static final String HANDLER = "benchNoop";

    @Bean(HANDLER)
    JobHandler benchNoop(ExecutionCounter counter, Environment environment) {
        if (environment.getProperty("bench.run-log-line", Boolean.class, false)) {
            return context -> {
                counter.started(context.taskName());
                context.log("bench run {} of shard {}", context.runId(), context.shardIndex());
                return JobResult.success();
            };
        }
        return context -> {
            counter.started(context.taskName());
            return JobResult.success();
        };
    }

    @Bean
    ExecutionCounter executionCounter(Environment environment) {
        return new ExecutionCounter(environment.getProperty("jm.job.client.instance", "node"));
    }

    /** The registry an application with Micrometer has; the starter's node metrics register in it. */
    @Bean
    @ConditionalOnProperty(name = "bench.node-metrics", havingValue = "true")
    MeterRegistry benchMeterRegistry() {
        return new SimpleMeterRegistry();
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(BenchNode.class)
                .web(WebApplicationType.NONE)
                .run(args);
    }
}
