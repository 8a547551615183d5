package com.jm.job.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.jm.job.client.JobContext;
import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import com.jm.job.client.autoconfigure.JmJobClientProperties;
import com.jm.job.client.handler.JobHandlerRegistry;
import com.jm.job.client.node.JmJobNode;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

class SampleApplicationTest {

    @Nested
    // Port 9 (discard) has no master: the node must start anyway and keep trying in the background.
    @SpringBootTest(properties = "JMJOB_MASTER_URL=http://127.0.0.1:9")
    class WithAnUnreachableMaster {

        @Autowired
        ApplicationContext context;

        @Test
        void startsAndOffersEveryDemoHandler() {
            assertThat(context.getBean(JmJobNode.class).isRunning()).isTrue();
            assertThat(context.getBean(JmJobNode.class).group()).isEqualTo("sample");
            assertThat(context.getBean(JmJobClientProperties.class).getMasterUrl())
                    .containsExactly(URI.create("http://127.0.0.1:9"));
            assertThat(context.getBean(JobHandlerRegistry.class).names())
                    .containsExactly(
                            "cacheRefresh",
                            "cleanupJob",
                            "failingJob",
                            "helloJob",
                            "shardedReport",
                            "slowJob",
                            "statsJob",
                            "xxlShardedReport");
        }

        @Test
        void theBroadcastJobNamesTheNodeItRunsOn() throws Exception {
            JmJobNode node = context.getBean(JmJobNode.class);
            JobHandler cacheRefresh = context.getBean(JobHandlerRegistry.class)
                    .find("cacheRefresh")
                    .orElseThrow();

            JobResult result =
                    cacheRefresh.execute(JobContext.builder().shard(0, 2, null).build());

            assertThat(result.message()).startsWith("refreshed cache on " + node.instance() + ", part 1 of 2");
        }
    }

    @Nested
    @SpringBootTest(properties = "JMJOB_MASTER_URL=http://127.0.0.1:9")
    class TheXxlJobMethod {

        @Autowired
        ApplicationContext context;

        @Test
        void reportsOnItsShardAndLogsThroughXxlJobHelper() throws Exception {
            JobHandler report = context.getBean(JobHandlerRegistry.class)
                    .find("xxlShardedReport")
                    .orElseThrow();
            List<String> lines = new CopyOnWriteArrayList<>();

            JobResult result = report.execute(JobContext.builder()
                    .params("day=2026-12-01")
                    .shard(1, 3, null)
                    .logSink((level, text) -> lines.add(text))
                    .build());

            assertThat(result)
                    .isEqualTo(JobResult.success(
                            "shard 1 of 3, param day=2026-12-01, ids " + ShardedReportJob.idsOfShard(1, 3)));
            assertThat(lines)
                    .containsExactly(
                            "shard 1 of 3, param day=2026-12-01",
                            "reported on ids " + ShardedReportJob.idsOfShard(1, 3));
        }

        @Test
        void failsThroughHandleFailWhenTold() throws Exception {
            JobHandler report = context.getBean(JobHandlerRegistry.class)
                    .find("xxlShardedReport")
                    .orElseThrow();

            JobResult result =
                    report.execute(JobContext.builder().params("fail").build());

            assertThat(result).isEqualTo(JobResult.failure("shard 0 of 1: the report source refused (param fail)"));
        }
    }

    @Nested
    @SpringBootTest(properties = "jm.job.client.enabled=false")
    class WithTheStarterDisabled {

        @Autowired
        ApplicationContext context;

        @Test
        void startsWithoutANode() {
            assertThat(context.getBeanNamesForType(JmJobNode.class)).isEmpty();
            assertThat(context.getBean("helloJob")).isInstanceOf(HelloJob.class);
        }
    }
}
