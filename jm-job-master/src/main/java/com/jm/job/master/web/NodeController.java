package com.jm.job.master.web;

import static com.jm.job.master.web.PageParams.DEFAULT_PAGE;
import static com.jm.job.master.web.PageParams.DEFAULT_SIZE;

import com.jm.job.master.service.NodeService;
import com.jm.job.master.service.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Nodes as operators see them; nodes register themselves through the node API. */
@RestController
@Tag(name = ApiDocumentation.NODES)
@RequestMapping("/api/nodes")
class NodeController {

    private final NodeService nodes;
    private final PageParams pageParams;

    NodeController(NodeService nodes, PageParams pageParams) {
        this.nodes = nodes;
        this.pageParams = pageParams;
    }

    @Operation(
            operationId = "listNodes",
            summary = "List nodes",
            description = "Registered nodes by id, online or not, optionally of one group.")
    @GetMapping
    Page<NodeView> list(
            @Parameter(description = "only nodes of this group", example = "1") @RequestParam(required = false)
                    Long groupId,
            @Parameter(description = "page number, from 0", example = "0") @RequestParam(defaultValue = DEFAULT_PAGE)
                    int page,
            @Parameter(description = "page size, 1 to jm.job.master.max-page-size (200)", example = "20")
                    @RequestParam(defaultValue = DEFAULT_SIZE)
                    int size) {
        return nodes.list(groupId, pageParams.of(page, size)).map(NodeView::of);
    }

    @Operation(
            operationId = "getNode",
            summary = "Read a node",
            description = "The node with its last heartbeat and whether it counts as online.")
    @GetMapping("/{id}")
    NodeView get(@Parameter(description = "the node id", example = "7") @PathVariable long id) {
        return NodeView.of(nodes.get(id));
    }

    @Operation(
            operationId = "disableNode",
            summary = "Disable a node",
            description = "A disabled node gets no new work; runs it holds finish. Idempotent.")
    @PostMapping("/{id}/disable")
    NodeView disable(@Parameter(description = "the node id", example = "7") @PathVariable long id) {
        return NodeView.of(nodes.setDisabled(id, true));
    }

    @Operation(
            operationId = "enableNode",
            summary = "Enable a node",
            description = "The node gets work again at its next poll. Idempotent.")
    @PostMapping("/{id}/enable")
    NodeView enable(@Parameter(description = "the node id", example = "7") @PathVariable long id) {
        return NodeView.of(nodes.setDisabled(id, false));
    }
}
