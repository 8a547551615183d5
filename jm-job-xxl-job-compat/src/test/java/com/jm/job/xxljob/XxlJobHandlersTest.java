package com.jm.job.xxljob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import com.jm.job.client.autoconfigure.JmJobClientAutoConfiguration;
import com.jm.job.client.handler.JobHandlerRegistry;
import com.xxl.job.core.context.XxlJobContext;
import com.xxl.job.core.context.XxlJobHelper;
import com.xxl.job.core.handler.annotation.XxlJob;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class XxlJobHandlersTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(JmJobClientAutoConfiguration.class, XxlJobCompatAutoConfiguration.class))
            .withPropertyValues(
                    // Port 9 (discard) has no master: the node keeps trying in the background.
                    "jm.job.client.master-url=http://127.0.0.1:9",
                    "jm.job.client.group=g",
                    "jm.job.client.instance=xxl-node",
                    "jm.job.client.poll-wait=100ms")
            .withUserConfiguration(Jobs.class);

    @Test
    void everyXxlJobMethodIsAHandlerOfItsNameAndNoOtherMethodIs() {
        runner.run(context -> {
            JobHandlerRegistry registry = context.getBean(JobHandlerRegistry.class);
            assertThat(registry.names())
                    .containsExactly(
                            "failing", "lifecycle", "lost", "params", "succeeding", "threads", "throwing", "timingOut");
            assertThat(registry.find("notAJob")).isEmpty();
            assertThat(registry.find("sampleJobs")).isEmpty();
        });
    }

    @Test
    void theMethodReadsTheTaskIdParamsAndShardThroughXxlJobHelperAndTheContextIsClearedAfterwards() throws Exception {
        runner.run(context -> {
            SampleJobs jobs = context.getBean(SampleJobs.class);

            JobResult result = handler(context, "params")
                    .execute(JobContext.builder()
                            .taskId(42)
                            .params("day=2026-12-01")
                            .shard(3, 5, "eu")
                            .build());

            assertThat(result).isEqualTo(JobResult.success(null));
            assertThat(jobs.seen.get()).isEqualTo("job 42 param day=2026-12-01 shard 3/5");
            assertThat(XxlJobContext.getXxlJobContext()).isNull();
            assertThat(XxlJobHelper.getJobParam()).isNull();
        });
    }

    @Test
    void anOrdinaryRunIsShardZeroOfOne() throws Exception {
        runner.run(context -> {
            handler(context, "params").execute(JobContext.builder().taskId(7).build());

            assertThat(context.getBean(SampleJobs.class).seen.get()).isEqualTo("job 7 param null shard 0/1");
        });
    }

    @Test
    void handleSuccessFailTimeoutAndALostResultEndTheRunAsInXxlJob() throws Exception {
        runner.run(context -> {
            assertThat(handler(context, "succeeding").execute(run())).isEqualTo(JobResult.success("12 rows"));
            assertThat(handler(context, "failing").execute(run())).isEqualTo(JobResult.failure("upstream refused"));
            assertThat(handler(context, "timingOut").execute(run())).isEqualTo(JobResult.failure("took too long"));
            assertThat(handler(context, "lost").execute(run())).isEqualTo(JobResult.failure("job handle result lost."));
        });
    }

    @Test
    void anExceptionFromTheMethodFailsTheRunWithThatExceptionNotAReflectionWrapper() {
        runner.run(
                context -> assertThatThrownBy(() -> handler(context, "throwing").execute(run()))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("disk full"));
    }

    @Test
    void xxlJobHelperLogLinesGoToTheRunsLogWithoutXxlJobsPrefixFromThreadsTheMethodStartsToo() throws Exception {
        runner.run(context -> {
            List<String> lines = new CopyOnWriteArrayList<>();

            handler(context, "threads")
                    .execute(JobContext.builder()
                            .params("p1")
                            .logSink((level, text) -> lines.add(level + " " + text))
                            .build());

            assertThat(lines).hasSize(3);
            assertThat(lines.subList(0, 2))
                    .containsExactly("INFO param is p1, 2 parts", "INFO from a thread of the run");
            assertThat(lines.get(2))
                    .startsWith("INFO " + IllegalArgumentException.class.getName() + ": shown with its trace")
                    .contains("at " + SampleJobs.class.getName() + ".threads");
        });
    }

    @Test
    void initRunsOnceBeforeTheFirstRunAndDestroyAtShutdownAfterIt() throws Exception {
        AtomicReference<Lifecycle> bean = new AtomicReference<>();
        runner.run(context -> {
            Lifecycle lifecycle = context.getBean(Lifecycle.class);
            bean.set(lifecycle);
            assertThat(lifecycle.events).isEmpty();

            handler(context, "lifecycle").execute(run());
            handler(context, "lifecycle").execute(run());

            assertThat(lifecycle.events).containsExactly("init", "run", "run");
        });
        assertThat(bean.get().events).containsExactly("init", "run", "run", "destroy");
    }

    @Test
    void aHandlerThatNeverRanIsNotDestroyed() {
        AtomicReference<Lifecycle> bean = new AtomicReference<>();
        runner.run(context -> bean.set(context.getBean(Lifecycle.class)));
        assertThat(bean.get().events).isEmpty();
    }

    @Test
    void aFailingInitFailsTheRunAndIsTriedAgainAtTheNext() throws Exception {
        runner.run(context -> {
            Lifecycle lifecycle = context.getBean(Lifecycle.class);
            lifecycle.initFailures.set(1);

            assertThatThrownBy(() -> handler(context, "lifecycle").execute(run()))
                    .hasMessage("init failed");
            handler(context, "lifecycle").execute(run());

            assertThat(lifecycle.events).containsExactly("init", "init", "run");
        });
    }

    @Test
    void anInitMethodThatDoesNotExistFailsStartUp() {
        runner.withUserConfiguration(MissingInit.class).run(context -> assertThat(context)
                .getFailure()
                .hasMessageContaining("@XxlJob(\"broken\")")
                .hasMessageContaining("init method 'setUp'"));
    }

    @Test
    void twoXxlJobMethodsWithOneNameFailStartUp() {
        runner.withUserConfiguration(Clash.class).run(context -> assertThat(context)
                .getFailure()
                .hasMessageContaining("Two @XxlJob methods are named 'params'"));
    }

    @Test
    void anXxlJobMethodNamedLikeAJmJobHandlerFailsStartUp() {
        runner.withBean("params", JobHandler.class, () -> c -> JobResult.success())
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasMessageContaining("Two jm-job handlers are named 'params'"));
    }

    @Test
    void noXxlJobExecutorOrThreadIsStartedAndItsServerCannotBe() throws Exception {
        runner.run(context -> {
            handler(context, "params").execute(run());

            assertThat(Thread.getAllStackTraces().keySet())
                    .extracting(Thread::getName)
                    .noneMatch(name -> name.toLowerCase().contains("xxl"));
            assertThat(context.getBeanNamesForType(com.xxl.job.core.executor.XxlJobExecutor.class))
                    .isEmpty();
        });
        // The module leaves out the Netty that XXL-JOB's embedded server needs (the sample's
        // end-to-end test checks that its node listens on no port at all).
        assertThatThrownBy(() -> Class.forName("io.netty.bootstrap.ServerBootstrap"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    private static JobHandler handler(AssertableApplicationContext context, String name) {
        return context.getBean(JobHandlerRegistry.class).find(name).orElseThrow();
    }

    private static JobContext run() {
        return JobContext.builder().taskId(1).runId(2).build();
    }

    static class SampleJobs {
        final AtomicReference<String> seen = new AtomicReference<>();

        @XxlJob("params")
        public void params() {
            seen.set("job " + XxlJobHelper.getJobId() + " param " + XxlJobHelper.getJobParam() + " shard "
                    + XxlJobHelper.getShardIndex() + "/" + XxlJobHelper.getShardTotal());
        }

        @XxlJob("succeeding")
        public void succeeding() {
            XxlJobHelper.handleSuccess("12 rows");
        }

        @XxlJob("failing")
        public void failing() {
            XxlJobHelper.handleFail("upstream refused");
        }

        @XxlJob("timingOut")
        public void timingOut() {
            XxlJobHelper.handleTimeout("took too long");
        }

        @XxlJob("lost")
        public void lost() {
            XxlJobHelper.handleResult(0, null);
        }

        @XxlJob("throwing")
        public void throwing() {
            throw new IllegalStateException("disk full");
        }

        @XxlJob("threads")
        public void threads() throws InterruptedException {
            XxlJobHelper.log("param is {}, {} parts", XxlJobHelper.getJobParam(), 2);
            // A thread the method starts inherits the run's context, as in XXL-JOB.
            Thread worker = new Thread(() -> XxlJobHelper.log("from a thread of the run"));
            worker.start();
            worker.join();
            XxlJobHelper.log(new IllegalArgumentException("shown with its trace"));
        }

        public void notAJob() {
            seen.set("called");
        }
    }

    static class Lifecycle {
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicInteger initFailures = new AtomicInteger();

        @XxlJob(value = "lifecycle", init = "open", destroy = "close")
        public void run() {
            events.add("run");
        }

        void open() {
            events.add("init");
            if (initFailures.getAndDecrement() > 0) {
                throw new IllegalStateException("init failed");
            }
        }

        void close() {
            events.add("destroy");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Jobs {
        @Bean
        SampleJobs sampleJobs() {
            return new SampleJobs();
        }

        @Bean
        Lifecycle lifecycle() {
            return new Lifecycle();
        }
    }

    static class Broken {
        @XxlJob(value = "broken", init = "setUp")
        public void run() {}
    }

    @Configuration(proxyBeanMethods = false)
    static class MissingInit {
        @Bean
        Broken broken() {
            return new Broken();
        }
    }

    static class Twin {
        @XxlJob("params")
        public void again() {}
    }

    @Configuration(proxyBeanMethods = false)
    static class Clash {
        @Bean
        Twin twin() {
            return new Twin();
        }
    }
}
