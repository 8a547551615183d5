package com.jm.job.master.console;

import com.jm.job.master.runlog.RunLogReader;
import com.jm.job.master.service.RunService;
import com.jm.job.master.service.TaskService;
import com.jm.job.master.web.RunLogView;
import com.jm.job.master.web.RunView;
import com.jm.job.master.web.TaskView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One run: its state, node, attempt, timings and message, and its log, followed while the run is
 * running: the page asks for the lines after the last one it has (the API's offset), appends them
 * and asks again until the run has ended and its last lines are in.
 */
@Controller
class RunPage {

    /** Lines one read brings; a long log fills in over a few reads, the page stays responsive. */
    static final int LINES_PER_READ = 500;

    private final RunService runs;
    private final TaskService tasks;
    private final RunLogReader logs;

    RunPage(RunService runs, TaskService tasks, RunLogReader logs) {
        this.runs = runs;
        this.tasks = tasks;
        this.logs = logs;
    }

    @GetMapping("/console/runs/{id}")
    String show(@PathVariable long id, Model model) {
        RunView run = RunView.of(runs.get(id));
        model.addAttribute("run", run);
        model.addAttribute("task", TaskView.of(tasks.get(run.taskId())));
        addLog(model, id, 0);
        return "console/run";
    }

    /** The lines from {@code offset}, and (while more may come) the element that asks for the next ones. */
    @GetMapping("/console/runs/{id}/log")
    String log(@PathVariable long id, @RequestParam(defaultValue = "0") long offset, Model model) {
        runs.get(id);
        addLog(model, id, Math.max(0, offset));
        return "console/run :: lines";
    }

    /** The lines, and when to ask for more: at once after a full read (more are waiting), else in a second. */
    private void addLog(Model model, long id, long offset) {
        RunLogView log = RunLogView.of(logs.read(id, offset, LINES_PER_READ));
        model.addAttribute("log", log);
        model.addAttribute("askAgain", log.lines().size() == LINES_PER_READ ? "load" : "load delay:1s");
    }
}
