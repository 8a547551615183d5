package com.jm.job.client.autoconfigure;

import com.jm.job.client.handler.JobHandlerRegistry;
import com.jm.job.client.master.HttpMasterClient;
import com.jm.job.client.master.MasterClient;
import com.jm.job.client.master.PemTrust;
import com.jm.job.client.node.JmJobNode;
import com.jm.job.client.node.JmJobNodeBuilder;
import com.jm.job.client.node.NodeListener;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

/**
 * Turns a Spring Boot application into a jm-job node: registers with the master, pulls its group's
 * tasks and runs them on the application's job handlers. A thin layer over the Spring-free core:
 * it binds {@code jm.job.client.*}, finds handler beans, builds the {@link JmJobNode} and ties it to
 * the context's lifecycle. The two extension points, the {@link JobHandlerRegistry} and the {@link
 * MasterClient}, back off when the application defines its own; {@code jm.job.client.enabled=false}
 * switches the node off.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(prefix = JmJobClientProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(JmJobClientProperties.class)
public class JmJobClientAutoConfiguration {

    private final JmJobClientProperties properties;

    public JmJobClientAutoConfiguration(JmJobClientProperties properties) {
        this.properties = properties;
    }

    /** Where runs find their handler; by default the application's handler beans. */
    @Bean
    @ConditionalOnMissingBean
    public JobHandlerRegistry jmJobHandlerRegistry(ConfigurableListableBeanFactory beanFactory) {
        return new BeanFactoryJobHandlerRegistry(beanFactory);
    }

    /** How the node talks to the master; by default HTTP to the configured master URLs. */
    @Bean
    @ConditionalOnMissingBean
    public MasterClient jmJobMasterClient(ObjectProvider<SslBundles> sslBundles) {
        JmJobClientProperties.Http http = properties.getHttp();
        return new HttpMasterClient(
                properties.getMasterUrl(),
                properties.getToken(),
                http.getConnectTimeout(),
                http.getRequestTimeout(),
                sslContext(sslBundles));
    }

    /** The trust {@code jm.job.client.ssl.*} names, or {@code null} for the JVM's default. */
    private SSLContext sslContext(ObjectProvider<SslBundles> sslBundles) {
        JmJobClientProperties.Ssl ssl = properties.getSsl();
        if (ssl.getBundle() != null && !ssl.getBundle().isBlank()) {
            SslBundles bundles = sslBundles.getIfAvailable();
            if (bundles == null) {
                throw new IllegalStateException(
                        "jm.job.client.ssl.bundle: no SSL bundles are configured" + " (spring.ssl.bundle.*)");
            }
            return bundles.getBundle(ssl.getBundle()).createSslContext();
        }
        if (ssl.getTrustPem() != null && !ssl.getTrustPem().isBlank()) {
            return PemTrust.sslContext(Path.of(ssl.getTrustPem()));
        }
        return null;
    }

    /** The node itself; built here, not replaceable: its parts are wired by the core's builder. */
    @Bean
    public JmJobNode jmJobNode(
            MasterClient master, JobHandlerRegistry handlers, ObjectProvider<NodeListener> listeners) {
        JmJobClientProperties.Report report = properties.getReport();
        JmJobClientProperties.Http http = properties.getHttp();
        JmJobClientProperties.RunLog runLog = properties.getRunLog();
        JmJobNodeBuilder builder = JmJobNode.builder();
        listeners.orderedStream().forEach(builder::listener);
        return builder.masterClient(master)
                .masterUrls(properties.getMasterUrl())
                .group(properties.getGroup())
                .instance(properties.getInstance())
                .ip(properties.getIp())
                .tags(properties.getTags())
                .handlers(handlers)
                .workerThreads(properties.getWorkerThreads())
                .prefetch(properties.getPrefetch())
                .pollWait(properties.getPollWait())
                .heartbeatInterval(properties.getHeartbeatInterval())
                .leaseSafetyMargin(properties.getLeaseSafetyMargin())
                .shutdownGracePeriod(properties.getShutdownGracePeriod())
                .report(report.getBatchSize(), report.getFlushInterval())
                .runLogCapture(runLog.isCaptureSlf4j())
                .runLogBuffer(runLog.getBufferLines(), runLog.getFlushInterval())
                .http(http.getConnectTimeout(), http.getRequestTimeout())
                .backoff(
                        properties.getBackoff().getInitial(),
                        properties.getBackoff().getMax())
                .build();
    }

    @Bean
    public JmJobNodeLifecycle jmJobNodeLifecycle(JmJobNode node) {
        return new JmJobNodeLifecycle(node);
    }
}
