package com.jm.job.master.web;

import static com.jm.job.master.web.PageParams.DEFAULT_PAGE;
import static com.jm.job.master.web.PageParams.DEFAULT_SIZE;

import com.jm.job.master.service.NodeService;
import com.jm.job.master.service.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Nodes as operators see them; nodes register themselves through the node API. */
@RestController
@RequestMapping("/api/nodes")
class NodeController {

    private final NodeService nodes;
    private final PageParams pageParams;

    NodeController(NodeService nodes, PageParams pageParams) {
        this.nodes = nodes;
        this.pageParams = pageParams;
    }

    @GetMapping
    Page<NodeView> list(
            @RequestParam(required = false) Long groupId,
            @RequestParam(defaultValue = DEFAULT_PAGE) int page,
            @RequestParam(defaultValue = DEFAULT_SIZE) int size) {
        return nodes.list(groupId, pageParams.of(page, size)).map(NodeView::of);
    }

    @GetMapping("/{id}")
    NodeView get(@PathVariable long id) {
        return NodeView.of(nodes.get(id));
    }

    @PostMapping("/{id}/disable")
    NodeView disable(@PathVariable long id) {
        return NodeView.of(nodes.setDisabled(id, true));
    }

    @PostMapping("/{id}/enable")
    NodeView enable(@PathVariable long id) {
        return NodeView.of(nodes.setDisabled(id, false));
    }
}
