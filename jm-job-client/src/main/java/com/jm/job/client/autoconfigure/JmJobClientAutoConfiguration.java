package com.jm.job.client.autoconfigure;

import com.jm.job.client.handler.BeanFactoryJobHandlerRegistry;
import com.jm.job.client.handler.JobHandlerRegistry;
import com.jm.job.client.master.HttpMasterClient;
import com.jm.job.client.master.MasterClient;
import com.jm.job.client.node.Backoff;
import com.jm.job.client.node.HeartbeatSender;
import com.jm.job.client.node.JmJobNode;
import com.jm.job.client.node.NodeSession;
import com.jm.job.client.node.OutcomeReporter;
import com.jm.job.client.node.TaskLoader;
import com.jm.job.client.node.Worker;
import java.time.Clock;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Turns a Spring Boot application into a jm-job node: registers with the master, pulls its group's
 * tasks and runs them on the application's job handlers. Every bean backs off when the application
 * defines its own of the same type; {@code jm.job.client.enabled=false} switches the node off.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(prefix = JmJobClientProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(JmJobClientProperties.class)
public class JmJobClientAutoConfiguration {

    private final JmJobClientProperties properties;

    public JmJobClientAutoConfiguration(JmJobClientProperties properties) {
        // Checked before any bean is made, so a missing setting fails start-up by its property name.
        properties.validate();
        this.properties = properties;
    }

    @Bean
    @ConditionalOnMissingBean
    public JobHandlerRegistry jmJobHandlerRegistry(ConfigurableListableBeanFactory beanFactory) {
        return new BeanFactoryJobHandlerRegistry(beanFactory);
    }

    @Bean
    @ConditionalOnMissingBean
    public MasterClient jmJobMasterClient() {
        JmJobClientProperties.Http http = properties.getHttp();
        return new HttpMasterClient(
                properties.getMasterUrl(), properties.getToken(), http.getConnectTimeout(), http.getRequestTimeout());
    }

    @Bean
    @ConditionalOnMissingBean
    public NodeSession jmJobNodeSession(MasterClient master) {
        return new NodeSession(master, NodeIdentity.of(properties));
    }

    @Bean
    @ConditionalOnMissingBean
    public OutcomeReporter jmJobOutcomeReporter(MasterClient master) {
        JmJobClientProperties.Report report = properties.getReport();
        return new OutcomeReporter(
                master, report.getBatchSize(), report.getFlushInterval(), backoff(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    public Worker jmJobWorker(JobHandlerRegistry handlers, OutcomeReporter reporter, NodeSession session) {
        return new Worker(
                handlers,
                reporter,
                properties.getWorkerThreads(),
                properties.getPrefetch(),
                session.instance(),
                Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    public TaskLoader jmJobTaskLoader(MasterClient master, NodeSession session, Worker worker) {
        return new TaskLoader(master, session, worker, properties.getPollWait(), backoff());
    }

    @Bean
    @ConditionalOnMissingBean
    public HeartbeatSender jmJobHeartbeatSender(
            MasterClient master, NodeSession session, Worker worker, OutcomeReporter reporter) {
        return new HeartbeatSender(master, session, worker, reporter, properties.getHeartbeatInterval());
    }

    @Bean
    @ConditionalOnMissingBean
    public JmJobNode jmJobNode(
            NodeSession session,
            TaskLoader loader,
            Worker worker,
            HeartbeatSender heartbeat,
            OutcomeReporter reporter) {
        return new JmJobNode(session, loader, worker, heartbeat, reporter, properties.getShutdownGracePeriod());
    }

    private Backoff backoff() {
        return new Backoff(
                properties.getBackoff().getInitial(), properties.getBackoff().getMax());
    }
}
