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
import com.jm.job.master.dispatch.NodeDirectory;
import com.jm.job.master.dispatch.NodeRegistry;
import jakarta.validation.Valid;
import java.time.Duration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The node protocol: register, long-poll for work, heartbeat, report finished runs, leave. Every
 * call after registration must carry the node's session secret.
 */
@RestController
class NodeApiController {

    private static final String SESSION = NodeApi.SESSION_HEADER;

    private final NodeRegistry registry;
    private final Dispatcher dispatcher;
    private final FinishService finishes;
    private final NodeDirectory directory;

    NodeApiController(NodeRegistry registry, Dispatcher dispatcher, FinishService finishes, NodeDirectory directory) {
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.finishes = finishes;
        this.directory = directory;
    }

    @PostMapping(NodeApi.REGISTER)
    RegisterResponse register(@Valid @RequestBody RegisterRequest request) {
        return registry.register(request);
    }

    @PostMapping(NodeApi.POLL)
    PollResponse poll(
            @Valid @RequestBody PollRequest request, @RequestHeader(value = SESSION, required = false) String session)
            throws InterruptedException {
        directory.authenticate(request.nodeId(), session);
        return dispatcher.poll(request.nodeId(), request.maxTasks(), Duration.ofMillis(request.waitMillis()));
    }

    @PostMapping(NodeApi.HEARTBEAT)
    HeartbeatResponse heartbeat(
            @Valid @RequestBody HeartbeatRequest request,
            @RequestHeader(value = SESSION, required = false) String session) {
        directory.authenticate(request.nodeId(), session);
        return registry.heartbeat(request.nodeId(), request.runIds());
    }

    @PostMapping(NodeApi.FINISH)
    FinishResponse finish(
            @Valid @RequestBody FinishRequest request,
            @RequestHeader(value = SESSION, required = false) String session) {
        directory.authenticate(request.nodeId(), session);
        return finishes.finish(request.nodeId(), request.outcomes());
    }

    @PostMapping(NodeApi.DEREGISTER)
    ResponseEntity<Void> deregister(
            @Valid @RequestBody DeregisterRequest request,
            @RequestHeader(value = SESSION, required = false) String session) {
        directory.authenticate(request.nodeId(), session);
        registry.deregister(request.nodeId());
        return ResponseEntity.noContent().build();
    }
}
