package com.jm.job.client;

import static com.jm.job.client.testing.Tasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.jm.job.client.node.JmJobNode;
import com.jm.job.client.testing.FakeMaster;
import com.jm.job.client.testing.LoopbackMaster;
import com.jm.job.client.testing.MutableClock;
import com.jm.job.common.protocol.NodeApi;
import com.jm.job.common.protocol.RegisterRequest;
import com.jm.job.common.protocol.RunOutcome;
import com.jm.job.common.protocol.RunResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A node started by a plain Java program: the builder only, no Spring context anywhere. */
class PlainJavaNodeTest {

    private final FakeMaster master = new FakeMaster();

    @Test
    void aNodeFromTheBuilderRegistersRunsATaskAndReportsItOverHttp() throws Exception {
        try (LoopbackMaster http = LoopbackMaster.start(master)) {
            JmJobNode node = JmJobNode.builder()
                    .masterUrl(http.url().toString())
                    .token("node-secret")
                    .group("plain")
                    .instance("plain-node")
                    .workerThreads(2)
                    .pollWait(Duration.ofMillis(200))
                    .handler("hello", context -> JobResult.success("hello " + context.params()))
                    .build();
            node.start();
            try {
                await().atMost(Duration.ofSeconds(5)).until(() -> node.nodeId().isPresent());
                master.enqueue(task(1, "hello"));

                assertThat(awaitOutcome(1))
                        .extracting(RunOutcome::result, RunOutcome::message)
                        .containsExactly(RunResult.SUCCEEDED, "hello p1");
                assertThat(master.registrations).singleElement().satisfies(registration -> {
                    assertThat(registration.group()).isEqualTo("plain");
                    assertThat(registration.instance()).isEqualTo("plain-node");
                    assertThat(registration.threads()).isEqualTo(2);
                });
                assertThat(http.calls)
                        .allSatisfy(call -> assertThat(call.token()).isEqualTo("node-secret"));
            } finally {
                node.stop();
            }
            assertThat(http.count(NodeApi.DEREGISTER)).isEqualTo(1);
        }
    }

    @Test
    void theBuildersClockMeasuresRunsAndAMasterClientReplacesHttp() {
        MutableClock clock = new MutableClock();
        JmJobNode node = JmJobNode.builder()
                .masterClient(master)
                .group("plain")
                .clock(clock)
                .pollWait(Duration.ofMillis(200))
                .handler("slow", context -> {
                    clock.advance(Duration.ofSeconds(3));
                    return JobResult.success();
                })
                .build();
        node.start();
        try {
            master.enqueue(task(1, "slow"));

            assertThat(awaitOutcome(1).durationMillis()).isEqualTo(3000);
        } finally {
            node.stop();
        }
        assertThat(node.isRunning()).isFalse();
    }

    @Test
    void theNodeDeclaresItsTagsInEveryRegistration() {
        JmJobNode node = JmJobNode.builder()
                .masterClient(master)
                .group("plain")
                .tags(List.of("gpu", "region:eu"))
                .tag("gpu")
                .pollWait(Duration.ofMillis(200))
                .handler("hello", context -> JobResult.success())
                .build();
        node.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> master.registrations.size() == 1);
            // The master forgets the node (missed heartbeats, say): it registers again, with the same tags.
            master.forgetNodes();
            await().atMost(Duration.ofSeconds(5)).until(() -> master.registrations.size() == 2);
        } finally {
            node.stop();
        }
        assertThat(node.tags()).containsExactly("gpu", "region:eu");
        assertThat(master.registrations)
                .extracting(RegisterRequest::tags)
                .containsExactly(List.of("gpu", "region:eu"), List.of("gpu", "region:eu"));
        assertThat(master.registrations)
                .as("it acknowledges every delivery, and says so")
                .allMatch(RegisterRequest::acknowledges);
    }

    @Test
    void aNodeWithoutTagsDeclaresNone() {
        JmJobNode node = JmJobNode.builder()
                .masterClient(master)
                .group("plain")
                .tags(null)
                .handler("hello", context -> JobResult.success())
                .build();

        assertThat(node.tags()).isEmpty();
    }

    @Test
    void theBuilderRefusesATagNamingItAndTheRule() {
        assertThatThrownBy(() -> JmJobNode.builder()
                        .masterClient(master)
                        .group("g")
                        .tags(List.of("gpu", "two words"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jm-job node setting tags: 'two words' is not a tag; " + NodeApi.TAG_RULE);
        assertThatThrownBy(() -> JmJobNode.builder()
                        .masterClient(master)
                        .group("g")
                        .tag(null)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null is not a tag");
        List<String> tooMany = IntStream.rangeClosed(0, NodeApi.MAX_TAGS)
                .mapToObj(i -> "t" + i)
                .toList();
        assertThatThrownBy(() -> JmJobNode.builder()
                        .masterClient(master)
                        .group("g")
                        .tags(tooMany)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jm-job node setting tags: at most 32, got 33");
    }

    @Test
    void theBuilderRefusesSettingsTheMasterWouldRefuse() {
        assertThatThrownBy(() -> JmJobNode.builder().masterClient(master).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("group");
        assertThatThrownBy(() -> JmJobNode.builder().group("g").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("masterUrl");
        assertThatThrownBy(() -> JmJobNode.builder()
                        .masterClient(master)
                        .group("g")
                        .workerThreads(NodeApi.MAX_POLL_TASKS + 1)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workerThreads");
        assertThatThrownBy(() -> JmJobNode.builder()
                        .masterClient(master)
                        .group("g")
                        .leaseSafetyMargin(Duration.ZERO)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaseSafetyMargin");
        assertThatThrownBy(() ->
                        JmJobNode.builder().handler("twice", context -> null).handler("twice", context -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }

    private RunOutcome awaitOutcome(long runId) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> master.outcomeOf(runId), Objects::nonNull);
    }
}
