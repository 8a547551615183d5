package com.jm.job.master.web;

import com.jm.job.common.protocol.DeregisterRequest;
import com.jm.job.common.protocol.FinishRequest;
import com.jm.job.common.protocol.FinishResponse;
import com.jm.job.common.protocol.HeartbeatRequest;
import com.jm.job.common.protocol.HeartbeatResponse;
import com.jm.job.common.protocol.LogsRequest;
import com.jm.job.common.protocol.NodeApi;
import com.jm.job.common.protocol.PollRequest;
import com.jm.job.common.protocol.PollResponse;
import com.jm.job.common.protocol.RegisterRequest;
import com.jm.job.common.protocol.RegisterResponse;
import com.jm.job.master.dispatch.Dispatcher;
import com.jm.job.master.dispatch.FinishService;
import com.jm.job.master.errors.ForbiddenException;
import com.jm.job.master.node.NodeRegistry;
import com.jm.job.master.runlog.RunLogWriter;
import com.jm.job.master.security.NodeTokenScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The node protocol: register, long-poll for work, heartbeat, report finished runs, ship run logs,
 * leave. Every
 * call after registration must carry the node's session secret; {@link NodeSessionAdvice} checks it
 * before any of these handlers runs.
 */
@RestController
@Tag(name = ApiDocumentation.NODE_PROTOCOL)
class NodeApiController {

    private final NodeRegistry registry;
    private final Dispatcher dispatcher;
    private final FinishService finishes;
    private final RunLogWriter logs;

    NodeApiController(NodeRegistry registry, Dispatcher dispatcher, FinishService finishes, RunLogWriter logs) {
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.finishes = finishes;
        this.logs = logs;
    }

    @Operation(
            operationId = "registerNode",
            summary = "Register a node",
            description =
                    "A node announces itself at start; an unknown group is created. The answer's sessionToken goes in X-JmJob-Node-Session on every later call. A node token scoped to groups may register only in those.")
    @ApiResponse(responseCode = "200", description = "The node's id, its group's id and its session secret")
    @ApiResponse(responseCode = "403", description = "The node token does not cover this group")
    @PostMapping(NodeApi.REGISTER)
    RegisterResponse register(
            @Valid @RequestBody RegisterRequest request,
            @Parameter(hidden = true) @RequestAttribute(NodeTokenScope.ATTRIBUTE) NodeTokenScope scope) {
        if (!scope.covers(request.group())) {
            throw new ForbiddenException("this node token does not cover group '" + request.group()
                    + "'; use a token whose jm.job.master.security.node-tokens[n].groups lists it");
        }
        return registry.register(request);
    }

    @Operation(
            operationId = "pollTasks",
            summary = "Long-poll for work",
            description =
                    "Claims up to maxTasks due tasks of the node's group for this node and answers at once, or holds the request until a task is due or waitMillis ends (then tasks is empty).")
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PollResponse.class)))
    @PostMapping(NodeApi.POLL)
    Object poll(@Valid @RequestBody PollRequest request) {
        CompletableFuture<PollResponse> answer =
                dispatcher.poll(request.nodeId(), request.maxTasks(), Duration.ofMillis(request.waitMillis()));
        if (answer.isDone()) {
            // Answered by the first look (work was due, or no wait), or by a look a wake-up started
            // at once: no asynchronous dispatch.
            return HeldAnswer.now(answer);
        }
        return HeldAnswer.of(answer, dispatcher.maxWait());
    }

    @Operation(
            operationId = "heartbeat",
            summary = "Heartbeat",
            description =
                    "Says the node is alive and which runs it executes; extends their leases. Answers the runs to cancel.")
    @ApiResponse(responseCode = "200", description = "Runs to cancel")
    @ApiResponse(responseCode = "403", description = "A listed run was not handed to this node")
    @PostMapping(NodeApi.HEARTBEAT)
    HeartbeatResponse heartbeat(@Valid @RequestBody HeartbeatRequest request) {
        return registry.heartbeat(request.nodeId(), request.runIds());
    }

    @Operation(
            operationId = "finishRuns",
            summary = "Report finished runs",
            description =
                    "A batch of outcomes, applied at most once each (by run id): a resend is acknowledged again, an outcome for a run that is no longer the node's current one is acknowledged and changes nothing.")
    @ApiResponse(responseCode = "200", description = "The outcomes dealt with")
    @ApiResponse(responseCode = "403", description = "A reported run was not handed to this node")
    @PostMapping(NodeApi.FINISH)
    FinishResponse finish(@Valid @RequestBody FinishRequest request) {
        return finishes.finish(request.nodeId(), request.outcomes());
    }

    @Operation(
            operationId = "shipRunLogs",
            summary = "Ship run log lines",
            description =
                    "Lines the node's runs wrote, per run in order, with how many the node dropped. Stored within the per-run cap (jm.job.master.run-log.*), cut at 8000 characters each; lines of runs that no longer exist are dropped. Numbered lines (seq, with nextSeq on their batch) are stored once however often they are sent, and numbers missing count as dropped lines; a batch numbered out of order is refused with 400 and nothing of the call is stored.")
    @ApiResponse(responseCode = "204", description = "The lines were taken")
    @ApiResponse(responseCode = "403", description = "A named run was not handed to this node")
    @PostMapping(NodeApi.LOGS)
    ResponseEntity<Void> logs(@Valid @RequestBody LogsRequest request) {
        logs.append(request.nodeId(), request.runs());
        return ResponseEntity.noContent().build();
    }

    @Operation(
            operationId = "deregisterNode",
            summary = "Leave",
            description = "A node leaving after a graceful shutdown; its session ends.")
    @ApiResponse(responseCode = "204", description = "The node has left")
    @PostMapping(NodeApi.DEREGISTER)
    ResponseEntity<Void> deregister(@Valid @RequestBody DeregisterRequest request) {
        registry.deregister(request.nodeId());
        return ResponseEntity.noContent().build();
    }
}
