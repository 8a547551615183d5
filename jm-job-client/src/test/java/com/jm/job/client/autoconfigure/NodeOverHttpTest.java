package com.jm.job.client.autoconfigure;

import static com.jm.job.client.testing.Tasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.JobHandler;
import com.jm.job.client.JobResult;
import com.jm.job.client.node.JmJobNode;
import com.jm.job.client.testing.FakeMaster;
import com.jm.job.client.testing.LoopbackMaster;
import com.jm.job.common.protocol.NodeApi;
import com.jm.job.common.protocol.RunOutcome;
import com.jm.job.common.protocol.RunResult;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The starter as a worker app uses it, against a master over real loopback HTTP. */
class NodeOverHttpTest {

    private final FakeMaster fake = new FakeMaster();
    private LoopbackMaster master;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JmJobClientAutoConfiguration.class))
            .withUserConfiguration(HelloHandler.class)
            .withPropertyValues(
                    "jm.job.client.group=http-test",
                    "jm.job.client.poll-wait=200ms",
                    "jm.job.client.heartbeat-interval=100ms",
                    "jm.job.client.backoff.initial=50ms",
                    "jm.job.client.backoff.max=100ms",
                    "jm.job.client.shutdown-grace-period=1s");

    @AfterEach
    void close() {
        if (master != null) {
            master.close();
        }
    }

    @Test
    void startsWhileTheMasterIsUnreachableAndRegistersOnceItIsUp() throws Exception {
        int port = LoopbackMaster.freePort();
        runner.withPropertyValues("jm.job.client.master-url=http://127.0.0.1:" + port)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    JmJobNode node = context.getBean(JmJobNode.class);
                    assertThat(node.nodeId()).isEmpty();

                    master = LoopbackMaster.start(fake, port);

                    await().atMost(Duration.ofSeconds(5))
                            .until(() -> node.nodeId().isPresent());
                    assertThat(fake.registrations).singleElement().satisfies(registration -> {
                        assertThat(registration.group()).isEqualTo("http-test");
                        assertThat(registration.threads()).isEqualTo(8);
                    });
                });
    }

    @Test
    void runsATaskSendingTheTokenAndRegistersAgainAfterA404OnPoll() throws Exception {
        master = LoopbackMaster.start(fake);
        runner.withPropertyValues("jm.job.client.master-url=" + master.url(), "jm.job.client.token=node-secret")
                .run(context -> {
                    await().until(() -> master.count(NodeApi.POLL) > 0);

                    fake.forgetNodes();

                    await().until(() -> fake.registrations.size() == 2);
                    fake.enqueue(task(1, "hello"));
                    assertThat(awaitOutcome(1))
                            .extracting(RunOutcome::result, RunOutcome::message)
                            .containsExactly(RunResult.SUCCEEDED, "hello p1");
                    assertThat(master.calls)
                            .allSatisfy(call -> assertThat(call.token()).isEqualTo("node-secret"));
                });
        assertThat(master.count(NodeApi.DEREGISTER)).isEqualTo(1);
    }

    @Test
    void movesOnToTheNextMasterUrlWhenTheFirstIsDown() throws Exception {
        master = LoopbackMaster.start(fake);
        String down = "http://127.0.0.1:" + LoopbackMaster.freePort();
        runner.withPropertyValues("jm.job.client.master-url=" + down + "," + master.url())
                .run(context -> {
                    fake.enqueue(task(1, "hello"));

                    assertThat(awaitOutcome(1).result()).isEqualTo(RunResult.SUCCEEDED);
                });
    }

    private RunOutcome awaitOutcome(long runId) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> fake.outcomeOf(runId), Objects::nonNull);
    }

    @Configuration(proxyBeanMethods = false)
    static class HelloHandler {
        @Bean
        JobHandler hello() {
            return context -> JobResult.success("hello " + context.params());
        }
    }
}
