package com.jm.job.master.console;

import com.jm.job.master.service.Page;
import com.jm.job.master.service.RunService;
import com.jm.job.master.service.TaskService;
import com.jm.job.master.web.RunView;
import com.jm.job.master.web.TaskView;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One task: its definition, state and run history (reloading itself), and the operator's
 * actions on it: disable (confirmed first), enable, retry, trigger with parameters of its own.
 */
@Controller
class TaskDetailPage {

    private final TaskService tasks;
    private final RunService runs;
    private final ConsoleGroups groups;
    private final ConsoleActions actions;

    TaskDetailPage(TaskService tasks, RunService runs, ConsoleGroups groups, ConsoleActions actions) {
        this.tasks = tasks;
        this.runs = runs;
        this.groups = groups;
        this.actions = actions;
    }

    @GetMapping("/console/tasks/{id}")
    String show(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        TaskView task = TaskView.of(tasks.get(id));
        Page<RunView> history = runs.runs(id, Paging.of(page)).map(RunView::of);
        model.addAttribute("task", task);
        model.addAttribute("groupName", groups.names().get(task.groupId()));
        model.addAttribute("runs", history);
        model.addAttribute("pages", Paging.pages(history));
        return "console/task";
    }

    @PostMapping("/console/tasks/{id}/disable")
    String disable(
            @PathVariable long id,
            @RequestParam(required = false) String back,
            HttpServletRequest request,
            RedirectAttributes flash) {
        actions.run(request, flash, "task.disabled", () -> tasks.disable(id));
        return back(id, back);
    }

    @PostMapping("/console/tasks/{id}/enable")
    String enable(
            @PathVariable long id,
            @RequestParam(required = false) String back,
            HttpServletRequest request,
            RedirectAttributes flash) {
        actions.run(request, flash, "task.enabled", () -> tasks.enable(id));
        return back(id, back);
    }

    @PostMapping("/console/tasks/{id}/retry")
    String retry(
            @PathVariable long id,
            @RequestParam(required = false) String back,
            HttpServletRequest request,
            RedirectAttributes flash) {
        actions.run(request, flash, "task.retried", () -> tasks.retry(id));
        return back(id, back);
    }

    /** Empty params (or none) run the task's own, as a trigger without a body does. */
    @PostMapping("/console/tasks/{id}/trigger")
    String trigger(
            @PathVariable long id,
            @RequestParam(required = false) String params,
            @RequestParam(required = false) String back,
            HttpServletRequest request,
            RedirectAttributes flash) {
        String own = params == null || params.isEmpty() ? null : params;
        actions.run(request, flash, "task.triggered", () -> tasks.trigger(id, own));
        return back(id, back);
    }

    /** Back to the list the button was on, or to the task; never to a page named by the request. */
    private static String back(long id, String back) {
        return "list".equals(back) ? "redirect:/console/tasks" : "redirect:/console/tasks/" + id;
    }
}
