package com.jm.job.client.autoconfigure;

import static com.jm.job.client.testing.Tasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.JmJob;
import com.jm.job.client.JobContext;
import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import com.jm.job.client.handler.JobHandlerRegistry;
import com.jm.job.client.handler.JobHandlerSource;
import com.jm.job.client.testing.FakeMaster;
import com.jm.job.common.protocol.RunOutcome;
import com.jm.job.common.protocol.RunResult;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class BeanFactoryJobHandlerRegistryTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JmJobClientAutoConfiguration.class))
            .withPropertyValues(
                    "jm.job.client.master-url=http://127.0.0.1:9",
                    "jm.job.client.group=g",
                    "jm.job.client.instance=node-y",
                    "jm.job.client.poll-wait=100ms");

    @Test
    void findsHandlerBeansByBeanNameAndAnnotatedMethodsByTheirValue() {
        runner.withUserConfiguration(Handlers.class).run(context -> {
            JobHandlerRegistry registry = context.getBean(JobHandlerRegistry.class);
            assertThat(registry.names()).containsExactly("cleanup", "helloJob", "report");
            assertThat(registry.find("dataSource")).isEmpty();
            assertThat(registry.find("reportJobs")).isEmpty();
        });
    }

    @Test
    void runsEachKindOfHandlerAndRefusesABeanThatIsNotOne() {
        runner.withUserConfiguration(Handlers.class).run(context -> {
            FakeMaster master = context.getBean(FakeMaster.class);
            ReportJobs reportJobs = context.getBean(ReportJobs.class);

            master.enqueue(task(1, "helloJob"), task(2, "report"), task(3, "cleanup"), task(4, "dataSource"));

            assertThat(awaitOutcome(master, 1))
                    .extracting(RunOutcome::result, RunOutcome::message)
                    .containsExactly(RunResult.SUCCEEDED, "hello p1");
            assertThat(awaitOutcome(master, 2))
                    .extracting(RunOutcome::result, RunOutcome::message)
                    .containsExactly(RunResult.SUCCEEDED, "report for task 20");
            assertThat(awaitOutcome(master, 3).result()).isEqualTo(RunResult.SUCCEEDED);
            assertThat(reportJobs.cleanups).hasValue(1);
            assertThat(awaitOutcome(master, 4))
                    .extracting(RunOutcome::result, RunOutcome::message)
                    .containsExactly(RunResult.FAILED, "no job handler named dataSource on node node-y");
            assertThat(context.getBean("dataSource", NotAHandler.class).touched).isNull();
        });
    }

    @Test
    void anAnnotatedMethodThatThrowsFailsTheRunWithTheExceptionNotAReflectionWrapper() {
        runner.withUserConfiguration(Handlers.class).run(context -> {
            FakeMaster master = context.getBean(FakeMaster.class);

            master.enqueue(task(1, "report"));
            context.getBean(ReportJobs.class).failure.set(new IllegalArgumentException("bad date"));

            assertThat(awaitOutcome(master, 1).message()).isEqualTo("java.lang.IllegalArgumentException: bad date");
        });
    }

    @Test
    void twoHandlersWithOneNameFailStartUpNamingBoth() {
        runner.withUserConfiguration(Handlers.class, ClashingHandlers.class).run(context -> assertThat(context)
                .getFailure()
                .hasMessageContaining("Two jm-job handlers are named 'helloJob'")
                .hasMessageContaining("bean 'helloJob'")
                .hasMessageContaining("ClashingJobs.hello"));
    }

    @Test
    void anAnnotatedMethodWithTheWrongSignatureFailsStartUp() {
        runner.withUserConfiguration(Handlers.class, WrongSignature.class).run(context -> assertThat(context)
                .getFailure()
                .hasMessageContaining("WrongJobs.run")
                .hasMessageContaining("must take no argument or one JobContext"));
    }

    @Test
    void takesTheHandlersOfEveryHandlerSourceAndFailsStartUpWhenOneClashesWithABean() throws Exception {
        runner.withUserConfiguration(Handlers.class)
                .withBean(
                        "otherScheduler",
                        JobHandlerSource.class,
                        () -> () -> Map.of("legacyJob", context -> JobResult.success("legacy " + context.params())))
                .run(context -> {
                    JobHandlerRegistry registry = context.getBean(JobHandlerRegistry.class);
                    assertThat(registry.names()).containsExactly("cleanup", "helloJob", "legacyJob", "report");
                    assertThat(registry.find("legacyJob")
                                    .orElseThrow()
                                    .execute(JobContext.builder().params("p").build())
                                    .message())
                            .isEqualTo("legacy p");
                    assertThat(registry.find("otherScheduler")).isEmpty();
                });
        runner.withUserConfiguration(Handlers.class)
                .withBean("otherScheduler", JobHandlerSource.class, () -> () -> Map.of("helloJob", context -> null))
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasMessageContaining("Two jm-job handlers are named 'helloJob'")
                        .hasMessageContaining("from bean 'otherScheduler'"));
    }

    private static RunOutcome awaitOutcome(FakeMaster master, long runId) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> master.outcomeOf(runId), Objects::nonNull);
    }

    /** Merely has a name a task might ask for. */
    static class NotAHandler {
        volatile Object touched;

        public JobResult execute(JobContext context) {
            touched = context;
            return JobResult.success();
        }
    }

    static class ReportJobs {
        final AtomicInteger cleanups = new AtomicInteger();
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        @JmJob("report")
        JobResult report(JobContext context) {
            if (failure.get() != null) {
                throw failure.get();
            }
            return JobResult.success("report for task " + context.taskId());
        }

        @JmJob("cleanup")
        void cleanup() {
            cleanups.incrementAndGet();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Handlers {

        @Bean
        FakeMaster fakeMaster() {
            return new FakeMaster();
        }

        @Bean
        JobHandler helloJob() {
            return context -> JobResult.success("hello " + context.params());
        }

        @Bean
        ReportJobs reportJobs() {
            return new ReportJobs();
        }

        @Bean
        NotAHandler dataSource() {
            return new NotAHandler();
        }
    }

    static class ClashingJobs {
        @JmJob("helloJob")
        void hello() {}
    }

    @Configuration(proxyBeanMethods = false)
    static class ClashingHandlers {
        @Bean
        ClashingJobs clashingJobs() {
            return new ClashingJobs();
        }
    }

    static class WrongJobs {
        @JmJob("wrong")
        String run(String input) {
            return input;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class WrongSignature {
        @Bean
        WrongJobs wrongJobs() {
            return new WrongJobs();
        }
    }
}
