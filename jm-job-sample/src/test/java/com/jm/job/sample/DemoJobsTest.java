package com.jm.job.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class DemoJobsTest {

    @Test
    void helloJobSucceedsNamingItsParams() {
        assertThat(new HelloJob().execute(context("world", () -> false)))
                .isEqualTo(JobResult.success("said hello to world"));
    }

    @Test
    void failingJobAlwaysFailsWithAClearMessage() {
        JobResult result = new FailingJob().execute(context(null, () -> false));

        assertThat(result.successful()).isFalse();
        assertThat(result.message()).contains("failingJob always fails");
    }

    @Test
    void slowJobStopsAtOnceWhenTheRunIsCancelled() {
        JobResult result = new SlowJob().execute(context("60", () -> true));

        assertThat(result).isEqualTo(JobResult.failure("stopped early after 0 s"));
    }

    @Test
    void slowJobStopsEarlyWhenItsThreadIsInterrupted() throws Exception {
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<JobResult> result = new CompletableFuture<>();
        Thread runner = new Thread(() -> result.complete(new SlowJob().execute(context("60", () -> {
            started.countDown();
            return cancelled.get();
        }))));
        runner.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        cancelled.set(true);
        runner.interrupt();

        assertThat(result.get(5, TimeUnit.SECONDS).message()).startsWith("stopped early");
    }

    @Test
    void slowJobRefusesParamsThatAreNotSeconds() {
        assertThat(new SlowJob().execute(context("soon", () -> false)).message())
                .contains("'soon'");
    }

    @Test
    void maintenanceJobsCountCleanups() {
        MaintenanceJobs jobs = new MaintenanceJobs();
        jobs.cleanup();

        assertThat(jobs.stats(context(null, () -> false)).message()).isEqualTo("task 1 sees 1 cleanups so far");
    }

    private static JobContext context(String params, BooleanSupplier cancelled) {
        return new JobContext(1, 2, "demo", params, 1, cancelled);
    }
}
