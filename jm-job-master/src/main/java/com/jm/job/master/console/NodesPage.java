package com.jm.job.master.console;

import com.jm.job.master.domain.NodeRecord;
import com.jm.job.master.domain.Tags;
import com.jm.job.master.service.NodeService;
import com.jm.job.master.service.Page;
import com.jm.job.master.web.NodeView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Nodes: online or not, last heartbeat, runs they hold, tags; disable (confirmed) and enable. */
@Controller
class NodesPage {

    private final NodeService nodes;
    private final ConsoleGroups groups;
    private final ConsoleActions actions;

    NodesPage(NodeService nodes, ConsoleGroups groups, ConsoleActions actions) {
        this.nodes = nodes;
        this.groups = groups;
        this.actions = actions;
    }

    @GetMapping("/console/nodes")
    String list(@RequestParam(required = false) Long groupId, @RequestParam(defaultValue = "0") int page, Model model) {
        Page<NodeRecord> found = nodes.list(groupId, Paging.of(page));
        Map<Long, String> tags = found.items().stream()
                .collect(Collectors.toMap(NodeRecord::getId, n -> String.join(", ", Tags.list(n.getTags()))));
        model.addAttribute("nodes", found.map(NodeView::of));
        model.addAttribute("running", nodes.runningCounts(found.items()));
        model.addAttribute("tags", tags);
        model.addAttribute("pages", Paging.pages(found));
        model.addAttribute("groups", groups.all());
        model.addAttribute("groupNames", groups.names());
        model.addAttribute("groupId", groupId);
        return "console/nodes";
    }

    @PostMapping("/console/nodes/{id}/disable")
    String disable(@PathVariable long id, HttpServletRequest request, RedirectAttributes flash) {
        actions.run(request, flash, "node.disabled", () -> nodes.setDisabled(id, true));
        return "redirect:/console/nodes";
    }

    @PostMapping("/console/nodes/{id}/enable")
    String enable(@PathVariable long id, HttpServletRequest request, RedirectAttributes flash) {
        actions.run(request, flash, "node.enabled", () -> nodes.setDisabled(id, false));
        return "redirect:/console/nodes";
    }
}
