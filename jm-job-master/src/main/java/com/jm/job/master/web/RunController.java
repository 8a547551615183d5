package com.jm.job.master.web;

import static com.jm.job.master.web.PageParams.DEFAULT_PAGE;
import static com.jm.job.master.web.PageParams.DEFAULT_SIZE;

import com.jm.job.master.service.Page;
import com.jm.job.master.service.RunService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A task's executions: its run history. */
@RestController
@Tag(name = ApiDocumentation.RUNS)
class RunController {

    private final RunService runs;
    private final PageParams pageParams;

    RunController(RunService runs, PageParams pageParams) {
        this.runs = runs;
        this.pageParams = pageParams;
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
}
