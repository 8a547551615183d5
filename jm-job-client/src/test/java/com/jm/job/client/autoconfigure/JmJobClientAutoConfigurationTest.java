package com.jm.job.client.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.handler.JobHandlerRegistry;
import com.jm.job.client.master.HttpMasterClient;
import com.jm.job.client.master.MasterClient;
import com.jm.job.client.node.HeartbeatSender;
import com.jm.job.client.node.JmJobNode;
import com.jm.job.client.node.JmJobNodeBuilder;
import com.jm.job.client.node.NodeSession;
import com.jm.job.client.node.OutcomeReporter;
import com.jm.job.client.node.TaskLoader;
import com.jm.job.client.node.Worker;
import com.jm.job.client.testing.FakeMaster;
import com.jm.job.client.testing.MapJobHandlerRegistry;
import com.jm.job.common.protocol.NodeApi;
import java.net.URI;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class JmJobClientAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JmJobClientAutoConfiguration.class))
            // Nothing listens there: the node keeps trying to register in the background.
            .withPropertyValues("jm.job.client.master-url=http://127.0.0.1:9", "jm.job.client.group=orders");

    @Test
    void aMasterUrlAndAGroupAreAllANodeNeeds() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).getBean(MasterClient.class).isInstanceOf(HttpMasterClient.class);
            assertThat(context)
                    .hasSingleBean(JobHandlerRegistry.class)
                    .hasSingleBean(JmJobNode.class)
                    .hasSingleBean(JmJobNodeLifecycle.class);
            // The node's parts are the core's business, wired by its builder: not beans to replace.
            assertThat(context)
                    .doesNotHaveBean(NodeSession.class)
                    .doesNotHaveBean(OutcomeReporter.class)
                    .doesNotHaveBean(Worker.class)
                    .doesNotHaveBean(TaskLoader.class)
                    .doesNotHaveBean(HeartbeatSender.class);
            JmJobNode node = context.getBean(JmJobNode.class);
            assertThat(node.isRunning()).isTrue();
            assertThat(context.getBean(JmJobNodeLifecycle.class).isRunning()).isTrue();
            assertThat(node.freeSlots()).isEqualTo(JmJobClientProperties.DEFAULT_WORKER_THREADS);
            assertThat(node.group()).isEqualTo("orders");
            assertThat(node.instance()).endsWith(":" + ProcessHandle.current().pid());
            assertThat(node.nodeId()).isEmpty();
        });
    }

    @Test
    void propertiesHaveTheDocumentedDefaults() {
        runner.run(context -> {
            JmJobClientProperties properties = context.getBean(JmJobClientProperties.class);
            assertThat(properties.getWorkerThreads()).isEqualTo(8);
            assertThat(properties.getPrefetch()).isZero();
            assertThat(properties.getPollWait()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.getHeartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.getShutdownGracePeriod()).isEqualTo(Duration.ofSeconds(20));
            assertThat(properties.getLeaseSafetyMargin()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.getReport().getBatchSize()).isEqualTo(100);
            assertThat(properties.getReport().getFlushInterval()).isEqualTo(Duration.ofMillis(10));
            assertThat(properties.getHttp().getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.getHttp().getRequestTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.getBackoff().getInitial()).isEqualTo(Duration.ofMillis(500));
            assertThat(properties.getBackoff().getMax()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.getToken()).isNull();
            assertThat(properties.getTags()).isEmpty();
            assertThat(context.getBean(JmJobNode.class).tags()).isEmpty();
        });
    }

    @Test
    void propertiesDefaultToWhatTheCoreBuilderDefaultsTo() {
        assertThat(JmJobClientProperties.DEFAULT_WORKER_THREADS).isEqualTo(JmJobNodeBuilder.DEFAULT_WORKER_THREADS);
        assertThat(JmJobClientProperties.DEFAULT_POLL_WAIT).isEqualTo(JmJobNodeBuilder.DEFAULT_POLL_WAIT);
        assertThat(JmJobClientProperties.DEFAULT_HEARTBEAT_INTERVAL)
                .isEqualTo(JmJobNodeBuilder.DEFAULT_HEARTBEAT_INTERVAL);
        assertThat(JmJobClientProperties.DEFAULT_SHUTDOWN_GRACE_PERIOD)
                .isEqualTo(JmJobNodeBuilder.DEFAULT_SHUTDOWN_GRACE_PERIOD);
        assertThat(JmJobClientProperties.DEFAULT_LEASE_SAFETY_MARGIN)
                .isEqualTo(JmJobNodeBuilder.DEFAULT_LEASE_SAFETY_MARGIN);
        assertThat(JmJobClientProperties.Report.DEFAULT_BATCH_SIZE)
                .isEqualTo(JmJobNodeBuilder.DEFAULT_REPORT_BATCH_SIZE);
        assertThat(JmJobClientProperties.Report.DEFAULT_FLUSH_INTERVAL)
                .isEqualTo(JmJobNodeBuilder.DEFAULT_REPORT_FLUSH_INTERVAL);
        assertThat(JmJobClientProperties.Http.DEFAULT_CONNECT_TIMEOUT)
                .isEqualTo(JmJobNodeBuilder.DEFAULT_CONNECT_TIMEOUT);
        assertThat(JmJobClientProperties.Http.DEFAULT_REQUEST_TIMEOUT)
                .isEqualTo(JmJobNodeBuilder.DEFAULT_REQUEST_TIMEOUT);
        assertThat(JmJobClientProperties.RetryBackoff.DEFAULT_INITIAL)
                .isEqualTo(JmJobNodeBuilder.DEFAULT_BACKOFF_INITIAL);
        assertThat(JmJobClientProperties.RetryBackoff.DEFAULT_MAX).isEqualTo(JmJobNodeBuilder.DEFAULT_BACKOFF_MAX);
        assertThat(JmJobClientProperties.RunLog.DEFAULT_BUFFER_LINES)
                .isEqualTo(JmJobNodeBuilder.DEFAULT_RUN_LOG_BUFFER_LINES);
        assertThat(JmJobClientProperties.RunLog.DEFAULT_FLUSH_INTERVAL)
                .isEqualTo(JmJobNodeBuilder.DEFAULT_RUN_LOG_FLUSH_INTERVAL);
    }

    @Test
    void takesSeveralCommaSeparatedMasterUrlsAndTheOtherSettings() {
        runner.withPropertyValues(
                        "jm.job.client.master-url=http://m1:8080,http://m2:8080/jm",
                        "jm.job.client.worker-threads=3",
                        "jm.job.client.prefetch=4",
                        "jm.job.client.instance=node-7",
                        "jm.job.client.poll-wait=5s")
                .run(context -> {
                    JmJobClientProperties properties = context.getBean(JmJobClientProperties.class);
                    assertThat(properties.getMasterUrl())
                            .containsExactly(URI.create("http://m1:8080"), URI.create("http://m2:8080/jm"));
                    // 3 threads + 4 prefetched.
                    assertThat(context.getBean(JmJobNode.class).freeSlots()).isEqualTo(7);
                    assertThat(context.getBean(JmJobNode.class).instance()).isEqualTo("node-7");
                    assertThat(properties.getPollWait()).isEqualTo(Duration.ofSeconds(5));
                });
    }

    @Test
    void theNodeAsksForWhatTheThreadsAndThePrefetchHoldWithThePollWait() {
        runner.withUserConfiguration(OwnBeans.class)
                .withPropertyValues(
                        "jm.job.client.worker-threads=3", "jm.job.client.prefetch=4", "jm.job.client.poll-wait=5s")
                .run(context -> {
                    FakeMaster master = context.getBean(FakeMaster.class);
                    await().until(() -> !master.polls.isEmpty());
                    // With 7 free slots (at least the prefetch of 4) it asks for all 7.
                    assertThat(master.polls.get(0).maxTasks()).isEqualTo(7);
                    assertThat(master.polls.get(0).waitMillis()).isEqualTo(5000);
                });
    }

    @Test
    void theNodeRegistersWithTheTagsOfItsProperties() {
        runner.withUserConfiguration(OwnBeans.class)
                .withPropertyValues("jm.job.client.tags=gpu, region:eu")
                .run(context -> {
                    FakeMaster master = context.getBean(FakeMaster.class);
                    await().until(() -> !master.registrations.isEmpty());
                    assertThat(master.registrations.get(0).tags()).containsExactly("gpu", "region:eu");
                    assertThat(context.getBean(JmJobNode.class).tags()).containsExactly("gpu", "region:eu");
                });
    }

    @Test
    void anInvalidTagFailsStartUpNamingThePropertyTheTagAndTheRule() {
        runner.withPropertyValues("jm.job.client.tags=gpu,no/slashes").run(context -> assertThat(context)
                .getFailure()
                .rootCause()
                .isInstanceOf(BindValidationException.class)
                .hasMessageContaining("jm.job.client.tags: " + NodeApi.TAG_RULE)
                .hasMessageContaining("no/slashes"));
    }

    @Test
    void tooManyTagsFailStartUpNamingTheProperty() {
        String tags = IntStream.rangeClosed(0, NodeApi.MAX_TAGS)
                .mapToObj(i -> "t" + i)
                .collect(Collectors.joining(","));
        assertStartUpFailsNaming(runner.withPropertyValues("jm.job.client.tags=" + tags), "tags");
    }

    @Test
    void beansTheApplicationDefinesReplaceTheDefaults() {
        runner.withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).getBean(MasterClient.class).isSameAs(context.getBean("ownMaster"));
            assertThat(context).doesNotHaveBean(HttpMasterClient.class);
            assertThat(context).getBean(JobHandlerRegistry.class).isSameAs(context.getBean("ownRegistry"));
            assertThat(context).getBeans(MasterClient.class).hasSize(1);
        });
    }

    @Test
    void theSwitchTurnsTheNodeOffAndThenNothingIsRequired() {
        bare().withPropertyValues("jm.job.client.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context)
                    .doesNotHaveBean(JmJobNode.class)
                    .doesNotHaveBean(MasterClient.class)
                    .doesNotHaveBean(JmJobClientProperties.class);
        });
    }

    @Test
    void aMissingGroupFailsStartUpNamingTheProperty() {
        assertStartUpFailsNaming(bare().withPropertyValues("jm.job.client.master-url=http://127.0.0.1:9"), "group");
    }

    @Test
    void aMissingMasterUrlFailsStartUpNamingTheProperty() {
        assertStartUpFailsNaming(bare().withPropertyValues("jm.job.client.group=orders"), "master-url");
    }

    @Test
    void aMasterUrlWithoutSchemeFailsStartUpNamingTheProperty() {
        assertStartUpFailsNaming(runner.withPropertyValues("jm.job.client.master-url=localhost:8080"), "master-url");
    }

    @Test
    void anOutOfRangeSettingFailsStartUpNamingTheProperty() {
        assertStartUpFailsNaming(runner.withPropertyValues("jm.job.client.worker-threads=0"), "worker-threads");
        assertStartUpFailsNaming(runner.withPropertyValues("jm.job.client.prefetch=-1"), "prefetch");
        // A poll may claim at most 1,000 tasks, so threads and prefetch together may not exceed it.
        assertStartUpFailsNaming(
                runner.withPropertyValues("jm.job.client.worker-threads=500", "jm.job.client.prefetch=501"),
                "prefetch");
    }

    @Test
    void outOfRangeTimingsAndBatchesFailStartUpNamingTheProperty() {
        assertStartUpFailsNaming(runner.withPropertyValues("jm.job.client.poll-wait=3m"), "poll-wait");
        assertStartUpFailsNaming(
                runner.withPropertyValues("jm.job.client.heartbeat-interval=0s"), "heartbeat-interval");
        assertStartUpFailsNaming(
                runner.withPropertyValues("jm.job.client.lease-safety-margin=0s"), "lease-safety-margin");
        assertStartUpFailsNaming(
                runner.withPropertyValues("jm.job.client.lease-safety-margin=11m"), "lease-safety-margin");
        assertStartUpFailsNaming(
                runner.withPropertyValues("jm.job.client.report.batch-size=1001"), "report.batch-size");
        assertStartUpFailsNaming(
                runner.withPropertyValues("jm.job.client.backoff.initial=2s", "jm.job.client.backoff.max=1s"),
                "backoff.max");
    }

    private static ApplicationContextRunner bare() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JmJobClientAutoConfiguration.class));
    }

    private static void assertStartUpFailsNaming(ApplicationContextRunner runner, String property) {
        runner.run(context -> assertThat(context)
                .getFailure()
                .rootCause()
                .isInstanceOf(BindValidationException.class)
                .hasMessageContaining("jm.job.client." + property));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {

        @Bean
        FakeMaster ownMaster() {
            return new FakeMaster();
        }

        @Bean
        MapJobHandlerRegistry ownRegistry() {
            return new MapJobHandlerRegistry();
        }
    }
}
