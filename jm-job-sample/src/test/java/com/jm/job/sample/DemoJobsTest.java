package com.jm.job.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
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

    @Test
    void shardedReportTakesTheIdsOfItsShard() {
        JobResult result = new ShardedReportJob()
                .execute(JobContext.builder().shard(1, 3, "eu").build());

        assertThat(result)
                .isEqualTo(
                        JobResult.success("shard 1 of 3 (shard param: eu) reported on ids [1, 4, 7, 10, 13, 16, 19]"));
    }

    @Test
    void shardedReportsShardsTogetherCoverEveryIdOnce() {
        List<Integer> all = IntStream.range(0, 3)
                .mapToObj(index -> ShardedReportJob.idsOfShard(index, 3))
                .flatMap(List::stream)
                .sorted()
                .toList();

        assertThat(all)
                .isEqualTo(IntStream.rangeClosed(ShardedReportJob.FIRST_ID, ShardedReportJob.LAST_ID)
                        .boxed()
                        .toList());
    }

    @Test
    void shardedReportRunsAnOrdinaryRunWhole() {
        assertThat(new ShardedReportJob().execute(context(null, () -> false)).message())
                .startsWith("shard 0 of 1 (shard param: null) reported on ids [1, 2, 3,")
                .endsWith(", 20]");
    }

    @Test
    void cacheRefreshSaysOnWhichNodeAndWhichPartOfTheBroadcastItRan() {
        CacheRefreshJob job = new CacheRefreshJob(() -> "node-a:1");

        JobResult first = job.execute(JobContext.builder().shard(1, 3, null).build());
        JobResult second = job.execute(context(null, () -> false));

        assertThat(first)
                .isEqualTo(JobResult.success("refreshed cache on node-a:1, part 2 of 3 (refresh 1 on this node)"));
        assertThat(second)
                .isEqualTo(JobResult.success("refreshed cache on node-a:1, part 1 of 1 (refresh 2 on this node)"));
    }

    private static JobContext context(String params, BooleanSupplier cancelled) {
        return new JobContext(1, 2, "demo", params, 1, cancelled);
    }
}
