package com.jm.job.client.autoconfigure;

import com.jm.job.client.node.JmJobNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The node's Micrometer meters ({@link JmJobNodeMetrics}), when the application has Micrometer and
 * a meter registry (Spring Boot's actuator gives one) and runs a node. Named by class name only, so
 * the starter needs no Micrometer of its own.
 */
@AutoConfiguration(
        after = JmJobClientAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
        })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, JmJobNode.class})
public class JmJobClientMetricsAutoConfiguration {

    /** Counts and times the node's runs; the node is built with it as a listener. */
    @Bean
    @ConditionalOnMissingBean
    public JmJobNodeMetrics jmJobNodeMetrics(MeterRegistry registry, JmJobClientProperties properties) {
        return new JmJobNodeMetrics(registry, properties.getGroup());
    }

    /** The node's gauges: prefetch in use, outcomes not yet acknowledged, master reachable. */
    @Bean
    public MeterBinder jmJobNodeGauges(JmJobNode node) {
        return JmJobNodeMetrics.gauges(node);
    }
}
