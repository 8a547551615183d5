package com.jm.job.master.e2e;

import com.jm.job.client.master.HttpMasterClient;
import com.jm.job.client.master.MasterClient;
import com.jm.job.client.master.MasterUnavailableException;
import com.jm.job.common.protocol.DeregisterRequest;
import com.jm.job.common.protocol.FinishRequest;
import com.jm.job.common.protocol.FinishResponse;
import com.jm.job.common.protocol.HeartbeatRequest;
import com.jm.job.common.protocol.HeartbeatResponse;
import com.jm.job.common.protocol.LogsRequest;
import com.jm.job.common.protocol.PollRequest;
import com.jm.job.common.protocol.PollResponse;
import com.jm.job.common.protocol.RegisterRequest;
import com.jm.job.common.protocol.RegisterResponse;
import com.jm.job.master.support.TestSecurity;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A node's way to the master that the test can cut: while closed every call fails as if the master
 * were unreachable, so the node backs off, keeps its outcomes and fences its runs as it would in a
 * partition. Given to a {@link NodeInstance} as its {@code MasterClient} bean.
 */
final class GatedMasterClient implements MasterClient {

    private final MasterClient http;
    private final AtomicBoolean open = new AtomicBoolean(true);

    GatedMasterClient(String masterUrl) {
        this.http = new HttpMasterClient(
                List.of(URI.create(masterUrl)), TestSecurity.NODE_TOKEN, Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    void close() {
        open.set(false);
    }

    void open() {
        open.set(true);
    }

    private void pass() {
        if (!open.get()) {
            throw new MasterUnavailableException("the test cut this node off from the master");
        }
    }

    @Override
    public RegisterResponse register(RegisterRequest request) throws InterruptedException {
        pass();
        return http.register(request);
    }

    @Override
    public PollResponse poll(PollRequest request) throws InterruptedException {
        pass();
        return http.poll(request);
    }

    @Override
    public HeartbeatResponse heartbeat(HeartbeatRequest request) throws InterruptedException {
        pass();
        return http.heartbeat(request);
    }

    @Override
    public FinishResponse finish(FinishRequest request) throws InterruptedException {
        pass();
        return http.finish(request);
    }

    @Override
    public void logs(LogsRequest request) throws InterruptedException {
        pass();
        http.logs(request);
    }

    @Override
    public void deregister(DeregisterRequest request) throws InterruptedException {
        pass();
        http.deregister(request);
    }
}
