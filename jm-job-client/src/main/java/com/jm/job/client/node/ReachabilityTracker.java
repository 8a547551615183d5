package com.jm.job.client.node;

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

/**
 * Remembers whether the master answered the node's last call: any answer, a refusal included,
 * means it is reachable; {@link MasterUnavailableException} (no master answered) means it is not.
 * Unreachable until the first answer.
 */
final class ReachabilityTracker implements MasterClient {

    @FunctionalInterface
    private interface Call<T> {
        T send() throws InterruptedException;
    }

    private final MasterClient master;
    private volatile boolean reachable;

    ReachabilityTracker(MasterClient master) {
        this.master = master;
    }

    boolean isReachable() {
        return reachable;
    }

    @Override
    public RegisterResponse register(RegisterRequest request) throws InterruptedException {
        return track(() -> master.register(request));
    }

    @Override
    public PollResponse poll(PollRequest request) throws InterruptedException {
        return track(() -> master.poll(request));
    }

    @Override
    public HeartbeatResponse heartbeat(HeartbeatRequest request) throws InterruptedException {
        return track(() -> master.heartbeat(request));
    }

    @Override
    public FinishResponse finish(FinishRequest request) throws InterruptedException {
        return track(() -> master.finish(request));
    }

    @Override
    public void deregister(DeregisterRequest request) throws InterruptedException {
        track(() -> {
            master.deregister(request);
            return null;
        });
    }

    @Override
    public void logs(LogsRequest request) throws InterruptedException {
        track(() -> {
            master.logs(request);
            return null;
        });
    }

    private <T> T track(Call<T> call) throws InterruptedException {
        try {
            T answer = call.send();
            reachable = true;
            return answer;
        } catch (MasterUnavailableException e) {
            reachable = false;
            throw e;
        } catch (RuntimeException e) {
            // The master answered, if only to refuse: it is there.
            reachable = true;
            throw e;
        }
    }
}
