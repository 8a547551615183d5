package com.jm.job.master.web;

import static com.jm.job.master.web.PageParams.DEFAULT_PAGE;
import static com.jm.job.master.web.PageParams.DEFAULT_SIZE;

import com.jm.job.master.runlog.RunLogReader;
import com.jm.job.master.service.Page;
import com.jm.job.master.service.RunService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A task's executions: its run history, and each run's log. */
@RestController
@Tag(name = ApiDocumentation.RUNS)
class RunController {

    private final RunService runs;
    private final PageParams pageParams;
    private final RunLogReader logs;

    RunController(RunService runs, PageParams pageParams, RunLogReader logs) {
        this.runs = runs;
        this.pageParams = pageParams;
        this.logs = logs;
    }

    @Operation(
            operationId = "listTaskRuns",
            summary = "A task's run history",
            description = "Every execution of the task, newest first: trigger, state, node, timing and message.")
    @GetMapping("/api/tasks/{id}/runs")
    Page<RunView> runs(
            @Parameter(description = "the task id", example = "42") @PathVariable long id,
            @Parameter(description = "page number, from 0", example = "0") @RequestParam(defaultValue = DEFAULT_PAGE)
                    int page,
            @Parameter(description = "page size, 1 to jm.job.master.max-page-size (200)", example = "20")
                    @RequestParam(defaultValue = DEFAULT_SIZE)
                    int size) {
        return runs.runs(id, pageParams.of(page, size)).map(RunView::of);
    }

    @Operation(
            operationId = "getRunLog",
            summary = "A run's log",
            description = "The lines the run's handler wrote (JobContext.log, and SLF4J on its thread), from a line"
                    + " offset. Follow a running run by reading again from nextOffset while running is true (and"
                    + " once after). At most jm.job.master.run-log.max-lines lines (5000) and max-bytes (1 MiB)"
                    + " are kept per run; a marker line says when lines were dropped.")
    @GetMapping("/api/runs/{id}/log")
    RunLogView log(
            @Parameter(description = "the run id", example = "1001") @PathVariable long id,
            @Parameter(description = "the first line to return, from 0", example = "0")
                    @RequestParam(defaultValue = "0")
                    long offset,
            @Parameter(description = "most lines to return, 1 to 1000", example = "500")
                    @RequestParam(defaultValue = "500")
                    int limit) {
        return RunLogView.of(logs.read(id, offset, limit));
    }
}
