package com.jm.job.client.master;

import static com.jm.job.client.testing.Tasks.shard;
import static com.jm.job.client.testing.Tasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jm.job.client.testing.FakeMaster;
import com.jm.job.client.testing.LoopbackMaster;
import com.jm.job.common.protocol.DeregisterRequest;
import com.jm.job.common.protocol.FinishRequest;
import com.jm.job.common.protocol.FinishResponse;
import com.jm.job.common.protocol.HeartbeatRequest;
import com.jm.job.common.protocol.NodeApi;
import com.jm.job.common.protocol.PollRequest;
import com.jm.job.common.protocol.RegisterRequest;
import com.jm.job.common.protocol.RunOutcome;
import com.jm.job.common.protocol.RunResult;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpMasterClientTest {

    private static final RegisterRequest IDENTITY = new RegisterRequest("g", "10.0.0.1", null, "h:1", 4);

    private final FakeMaster fake = new FakeMaster();
    private final FakeMaster otherFake = new FakeMaster();
    private LoopbackMaster master;
    private LoopbackMaster otherMaster;

    @AfterEach
    void close() {
        if (master != null) {
            master.close();
        }
        if (otherMaster != null) {
            otherMaster.close();
        }
    }

    @Test
    void speaksTheNodeProtocolAsJson() throws Exception {
        master = LoopbackMaster.start(fake);
        HttpMasterClient client = client(List.of(master.url()), null);
        fake.enqueue(task(9, "hello"));

        long nodeId = client.register(IDENTITY).nodeId();
        var tasks = client.poll(new PollRequest(nodeId, 4, 0)).tasks();
        fake.cancel(9);
        var cancel = client.heartbeat(new HeartbeatRequest(nodeId, List.of(9L))).cancelRunIds();
        FinishResponse finish =
                client.finish(new FinishRequest(nodeId, List.of(new RunOutcome(9, RunResult.SUCCEEDED, "ok", 12))));
        client.deregister(new DeregisterRequest(nodeId));

        assertThat(fake.registrations).containsExactly(IDENTITY);
        assertThat(tasks).containsExactly(task(9, "hello"));
        assertThat(cancel).containsExactly(9L);
        assertThat(finish.acknowledged()).containsExactly(9L);
        assertThat(fake.outcomeOf(9)).isEqualTo(new RunOutcome(9, RunResult.SUCCEEDED, "ok", 12));
        assertThat(fake.deregistrations).containsExactly(new DeregisterRequest(nodeId));
        assertThat(master.calls)
                .extracting(LoopbackMaster.Call::path)
                .containsExactly(NodeApi.REGISTER, NodeApi.POLL, NodeApi.HEARTBEAT, NodeApi.FINISH, NodeApi.DEREGISTER);
    }

    @Test
    void tagsAndShardsSurviveTheJson() throws Exception {
        master = LoopbackMaster.start(fake);
        HttpMasterClient client = client(List.of(master.url()), null);
        RegisterRequest tagged = new RegisterRequest("g", "10.0.0.1", null, "h:1", 4, List.of("gpu", "region:eu"));
        fake.enqueue(shard(9, "report", 2, 3, "region=eu"), task(10, "hello"));

        long nodeId = client.register(tagged).nodeId();
        var tasks = client.poll(new PollRequest(nodeId, 4, 0)).tasks();

        assertThat(fake.registrations).containsExactly(tagged);
        assertThat(master.calls.get(0).body()).contains("\"tags\":[\"gpu\",\"region:eu\"]");
        assertThat(tasks).containsExactly(shard(9, "report", 2, 3, "region=eu"), task(10, "hello"));
        assertThat(tasks.get(1).shardTotal()).isNull();
    }

    @Test
    void sendsTheNodeTokenOnEveryCall() throws Exception {
        master = LoopbackMaster.start(fake);
        HttpMasterClient client = client(List.of(master.url()), "s3cret");

        long nodeId = client.register(IDENTITY).nodeId();
        client.heartbeat(new HeartbeatRequest(nodeId, List.of()));

        assertThat(master.calls).hasSize(2).allSatisfy(call -> assertThat(call.token())
                .isEqualTo("s3cret"));
    }

    @Test
    void sendsNoTokenHeaderWhenTheTokenIsBlank() throws Exception {
        master = LoopbackMaster.start(fake);

        client(List.of(master.url()), " ").register(IDENTITY);

        assertThat(master.calls)
                .singleElement()
                .extracting(LoopbackMaster.Call::token)
                .isNull();
    }

    @Test
    void movesToTheNextMasterWhenOneIsUnreachableAndStaysThere() throws Exception {
        master = LoopbackMaster.start(fake);
        URI down = URI.create("http://127.0.0.1:" + LoopbackMaster.freePort());
        HttpMasterClient client = client(List.of(down, master.url()), null);

        long nodeId = client.register(IDENTITY).nodeId();
        client.heartbeat(new HeartbeatRequest(nodeId, List.of()));

        assertThat(client.currentMasterUrl()).isEqualTo(master.url());
        assertThat(master.calls).hasSize(2);
    }

    @Test
    void movesToTheNextMasterWhenOneAnswersWithAServerError() throws Exception {
        master = LoopbackMaster.start(fake);
        otherMaster = LoopbackMaster.start(otherFake);
        master.answer(NodeApi.REGISTER, 503);
        HttpMasterClient client = client(List.of(master.url(), otherMaster.url()), null);

        client.register(IDENTITY);

        assertThat(otherFake.registrations).hasSize(1);
        assertThat(client.currentMasterUrl()).isEqualTo(otherMaster.url());
    }

    @Test
    void saysTheMasterIsUnavailableWhenNoneAnswers() throws IOException {
        URI down = URI.create("http://127.0.0.1:" + LoopbackMaster.freePort());
        HttpMasterClient client = client(List.of(down), null);

        assertThatThrownBy(() -> client.register(IDENTITY))
                .isInstanceOf(MasterUnavailableException.class)
                .hasMessageContaining(down.toString());
    }

    @Test
    void anUnknownNodeOnPollIsReportedWithItsId() throws Exception {
        master = LoopbackMaster.start(fake);
        HttpMasterClient client = client(List.of(master.url()), null);

        assertThatThrownBy(() -> client.poll(new PollRequest(77, 1, 0)))
                .isInstanceOfSatisfying(
                        UnknownNodeException.class, e -> assertThat(e.nodeId()).isEqualTo(77))
                .hasMessageContaining("fake master does not know node 77");
    }

    @Test
    void aRefusedTokenNamesTheTokenPropertyAndTheProblemDetail() throws Exception {
        master = LoopbackMaster.start(fake);
        master.answer(NodeApi.REGISTER, 401);
        HttpMasterClient client = client(List.of(master.url()), "wrong");

        assertThatThrownBy(() -> client.register(IDENTITY))
                .isInstanceOfSatisfying(MasterRejectedException.class, e -> assertThat(e.status())
                        .isEqualTo(401))
                .hasMessageContaining("jm.job.client.token")
                .hasMessageContaining("forced by the test");
    }

    @Test
    void aRegisterAnswered404NamesTheMasterUrlProperty() throws Exception {
        master = LoopbackMaster.start(fake);
        master.answer(NodeApi.REGISTER, 404);

        assertThatThrownBy(() -> client(List.of(master.url()), null).register(IDENTITY))
                .isInstanceOf(MasterRejectedException.class)
                .hasMessageContaining("jm.job.client.master-url");
    }

    @Test
    void aLongPollMayTakeItsWholeWaitOnTopOfTheRequestTimeout() throws Exception {
        master = LoopbackMaster.start(fake);
        long nodeId = client(List.of(master.url()), null).register(IDENTITY).nodeId();
        HttpMasterClient client = client(List.of(master.url()), null, Duration.ofSeconds(1));

        // The fake master holds an empty poll for its whole wait: longer than the request timeout.
        assertThat(client.poll(new PollRequest(nodeId, 1, 2_000)).tasks()).isEmpty();
    }

    @Test
    void aMasterHoldingACallPastItsTimeoutCountsAsUnavailable() throws Exception {
        master = LoopbackMaster.start(fake);
        long nodeId = client(List.of(master.url()), null).register(IDENTITY).nodeId();
        HttpMasterClient client = client(List.of(master.url()), null, Duration.ofMillis(200));
        master.delay(NodeApi.HEARTBEAT, 2_000);

        assertThatThrownBy(() -> client.heartbeat(new HeartbeatRequest(nodeId, List.of())))
                .isInstanceOf(MasterUnavailableException.class)
                .hasMessageContaining("HttpTimeoutException");
    }

    private static HttpMasterClient client(List<URI> urls, String token) {
        return client(urls, token, Duration.ofSeconds(5));
    }

    private static HttpMasterClient client(List<URI> urls, String token, Duration requestTimeout) {
        return new HttpMasterClient(urls, token, Duration.ofSeconds(1), requestTimeout);
    }
}
