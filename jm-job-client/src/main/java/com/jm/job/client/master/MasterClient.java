package com.jm.job.client.master;

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
 * The node's side of the node protocol: every call a node makes to the master. The node only ever
 * calls out, so it opens no port.
 *
 * <p>Calls block; they throw {@link InterruptedException} when the calling thread is interrupted
 * (the node stopping) and a {@link MasterException} when the master cannot or will not answer.
 */
public interface MasterClient {

    /** Announces the node; the answer carries the id every later call names. */
    RegisterResponse register(RegisterRequest request) throws InterruptedException;

    /**
     * Long-polls for work: the master answers at once when tasks are due, else holds the call up to
     * the request's wait.
     *
     * @throws UnknownNodeException when the master no longer knows the node: register again
     */
    PollResponse poll(PollRequest request) throws InterruptedException;

    /**
     * Extends the leases of the node's running runs.
     *
     * @throws UnknownNodeException when the master no longer knows the node: register again
     */
    HeartbeatResponse heartbeat(HeartbeatRequest request) throws InterruptedException;

    /**
     * Reports finished runs; the answer names those the node may forget.
     *
     * @throws UnknownNodeException when the master no longer knows the node the runs were claimed by
     */
    FinishResponse finish(FinishRequest request) throws InterruptedException;

    /**
     * Ships run log lines. Best effort: the node drops lines the master refuses.
     *
     * @throws UnknownNodeException when the master no longer knows the node the runs were claimed by
     */
    void logs(LogsRequest request) throws InterruptedException;

    /** Tells the master the node is leaving after a graceful shutdown. */
    void deregister(DeregisterRequest request) throws InterruptedException;
}
