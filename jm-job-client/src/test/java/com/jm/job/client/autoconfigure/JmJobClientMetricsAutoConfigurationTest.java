package com.jm.job.client.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.JobResult;
import com.jm.job.client.testing.BlockingHandler;
import com.jm.job.client.testing.FakeMaster;
import com.jm.job.client.testing.MapJobHandlerRegistry;
import com.jm.job.client.testing.Tasks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The node's meters after a known workload on the fake master, and when they are left out. */
class JmJobClientMetricsAutoConfigurationTest {

    private final BlockingHandler blocking = new BlockingHandler(1);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    JmJobClientAutoConfiguration.class, JmJobClientMetricsAutoConfiguration.class))
            .withPropertyValues("jm.job.client.master-url=http://127.0.0.1:9", "jm.job.client.group=orders")
            .withBean(BlockingHandler.class, () -> blocking)
            .withUserConfiguration(Parts.class);

    @Test
    void runsAreTimedByHandlerAndStateAndAnUnknownHandlerIsOneTag() {
        runner.run(context -> {
            FakeMaster master = context.getBean(FakeMaster.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            bindGauges(context.getBean(MeterBinder.class), registry);
            master.enqueue(
                    Tasks.task(1, "ok"),
                    Tasks.task(2, "ok"),
                    Tasks.task(3, "ok"),
                    Tasks.task(4, "boom"),
                    Tasks.task(5, "boom"),
                    Tasks.task(6, "no-such-handler-" + System.nanoTime()));
            await().atMost(Duration.ofSeconds(10)).until(() -> master.acknowledged.size() == 6);

            assertThat(runs(registry, "ok", "SUCCEEDED")).isEqualTo(3);
            assertThat(runs(registry, "boom", "FAILED")).isEqualTo(2);
            assertThat(runs(registry, JmJobNodeMetrics.UNKNOWN_HANDLER, "FAILED"))
                    .isEqualTo(1);
            assertThat(registry.find("jmjob.node.runs").timers())
                    .as("one timer per handler and state, none for the master's arbitrary name")
                    .hasSize(3);
            assertThat(gauge(registry, "jmjob.node.outcomes.unreported")).isZero();
            assertThat(gauge(registry, "jmjob.node.master.reachable")).isEqualTo(1);

            master.setUnreachable(true);
            master.enqueue(Tasks.task(7, "ok"));
            await().atMost(Duration.ofSeconds(10)).until(() -> gauge(registry, "jmjob.node.master.reachable") == 0);
        });
    }

    @Test
    void runsWaitingForAThreadAreThePrefetchInUse() {
        runner.withPropertyValues(
                        "jm.job.client.worker-threads=1",
                        "jm.job.client.prefetch=2",
                        "jm.job.client.shutdown-grace-period=0s")
                .run(context -> {
                    FakeMaster master = context.getBean(FakeMaster.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    bindGauges(context.getBean(MeterBinder.class), registry);
                    master.enqueue(Tasks.task(1, "blocking"), Tasks.task(2, "ok"), Tasks.task(3, "ok"));
                    await().atMost(Duration.ofSeconds(10)).until(() -> gauge(registry, "jmjob.node.runs.waiting") == 2);
                    assertThat(blocking.started.getCount()).isZero();
                });
    }

    @Test
    void withoutAMeterRegistryTheNodeRunsWithoutMeters() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        JmJobClientAutoConfiguration.class, JmJobClientMetricsAutoConfiguration.class))
                .withPropertyValues("jm.job.client.master-url=http://127.0.0.1:9", "jm.job.client.group=orders")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(JmJobNodeMetrics.class)
                        .doesNotHaveBean(MeterBinder.class));
    }

    /** Boot's metrics auto-configuration binds MeterBinder beans; this runner has none of it. */
    private static void bindGauges(MeterBinder gauges, MeterRegistry registry) {
        gauges.bindTo(registry);
    }

    private static long runs(MeterRegistry registry, String handler, String state) {
        return registry.get("jmjob.node.runs")
                .tags("group", "orders", "handler", handler, "state", state)
                .timer()
                .count();
    }

    private static double gauge(MeterRegistry registry, String name) {
        return registry.get(name).tag("group", "orders").gauge().value();
    }

    @Configuration(proxyBeanMethods = false)
    static class Parts {

        @Bean
        MeterRegistry registry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        FakeMaster master() {
            return new FakeMaster();
        }

        @Bean
        MapJobHandlerRegistry handlers(BlockingHandler blocking) {
            return new MapJobHandlerRegistry()
                    .put("ok", context -> JobResult.success("done"))
                    .put("boom", context -> JobResult.failure("no"))
                    .put("blocking", blocking);
        }
    }
}
