package com.jm.job.master.console;

import com.jm.job.master.service.GroupService;
import com.jm.job.master.service.Page;
import com.jm.job.master.web.GroupDetailView;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Groups with what they hold; pause (confirmed) and resume. */
@Controller
class GroupsPage {

    private final GroupService groups;
    private final ConsoleActions actions;

    GroupsPage(GroupService groups, ConsoleActions actions) {
        this.groups = groups;
        this.actions = actions;
    }

    @GetMapping("/console/groups")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        Page<GroupDetailView> found = groups.list(Paging.of(page)).map(g -> GroupDetailView.of(groups.get(g.getId())));
        model.addAttribute("groups", found);
        model.addAttribute("pages", Paging.pages(found));
        return "console/groups";
    }

    @PostMapping("/console/groups/{id}/pause")
    String pause(@PathVariable long id, HttpServletRequest request, RedirectAttributes flash) {
        actions.run(request, flash, "group.paused", () -> groups.setPaused(id, true));
        return "redirect:/console/groups";
    }

    @PostMapping("/console/groups/{id}/resume")
    String resume(@PathVariable long id, HttpServletRequest request, RedirectAttributes flash) {
        actions.run(request, flash, "group.resumed", () -> groups.setPaused(id, false));
        return "redirect:/console/groups";
    }
}
