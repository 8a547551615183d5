package com.jm.job.master.console;

import com.jm.job.master.domain.TaskFilter;
import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.service.Page;
import com.jm.job.master.service.TaskService;
import com.jm.job.master.web.TaskView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The task list: filters by group, status, disabled and name prefix; 20 a page; reloads itself. */
@Controller
class TaskListPage {

    private final TaskService tasks;
    private final ConsoleGroups groups;

    TaskListPage(TaskService tasks, ConsoleGroups groups) {
        this.tasks = tasks;
        this.groups = groups;
    }

    @GetMapping("/console/tasks")
    String list(
            @RequestParam(required = false) Long groupId,
            @RequestParam(required = false) TaskStatus status,
            @RequestParam(required = false) Boolean disabled,
            @RequestParam(required = false) String name,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String prefix = name == null || name.isBlank() ? null : name;
        Page<TaskView> found = tasks.list(TaskFilter.of(groupId, status, disabled, prefix), Paging.of(page))
                .map(TaskView::of);
        model.addAttribute("tasks", found);
        model.addAttribute("pages", Paging.pages(found));
        model.addAttribute("groups", groups.all());
        model.addAttribute("groupNames", groups.names());
        model.addAttribute("statuses", TaskStatus.values());
        model.addAttribute("groupId", groupId);
        model.addAttribute("status", status);
        model.addAttribute("disabled", disabled);
        model.addAttribute("name", prefix);
        return "console/tasks";
    }
}
