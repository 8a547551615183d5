package com.jm.job.master.web;

import com.jm.job.common.protocol.DeregisterRequest;
import com.jm.job.common.protocol.FinishRequest;
import com.jm.job.common.protocol.FinishResponse;
import com.jm.job.common.protocol.HeartbeatRequest;
import com.jm.job.common.protocol.HeartbeatResponse;
import com.jm.job.common.protocol.NodeApi;
import com.jm.job.common.protocol.PollRequest;
import com.jm.job.common.protocol.PollResponse;
import com.jm.job.common.protocol.RegisterRequest;
import com.jm.job.common.protocol.RegisterResponse;
import com.jm.job.master.dispatch.Dispatcher;
import com.jm.job.master.dispatch.FinishService;
import com.jm.job.master.node.NodeRegistry;
import jakarta.validation.Valid;
import java.time.Duration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The node protocol: register, long-poll for work, heartbeat, report finished runs, leave. Every
 * call after registration must carry the node's session secret; {@link NodeSessionAdvice} checks it
 * before any of these handlers runs.
 */
@RestController
class NodeApiController {

    private final NodeRegistry registry;
    private final Dispatcher dispatcher;
    private final FinishService finishes;

    NodeApiController(NodeRegistry registry, Dispatcher dispatcher, FinishService finishes) {
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.finishes = finishes;
    }

    @PostMapping(NodeApi.REGISTER)
    RegisterResponse register(@Valid @RequestBody RegisterRequest request) {
        return registry.register(request);
    }

    @PostMapping(NodeApi.POLL)
    PollResponse poll(@Valid @RequestBody PollRequest request) throws InterruptedException {
        return dispatcher.poll(request.nodeId(), request.maxTasks(), Duration.ofMillis(request.waitMillis()));
    }

    @PostMapping(NodeApi.HEARTBEAT)
    HeartbeatResponse heartbeat(@Valid @RequestBody HeartbeatRequest request) {
        return registry.heartbeat(request.nodeId(), request.runIds());
    }

    @PostMapping(NodeApi.FINISH)
    FinishResponse finish(@Valid @RequestBody FinishRequest request) {
        return finishes.finish(request.nodeId(), request.outcomes());
    }

    @PostMapping(NodeApi.DEREGISTER)
    ResponseEntity<Void> deregister(@Valid @RequestBody DeregisterRequest request) {
        registry.deregister(request.nodeId());
        return ResponseEntity.noContent().build();
    }
}
