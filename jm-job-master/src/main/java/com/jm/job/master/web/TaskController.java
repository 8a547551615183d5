package com.jm.job.master.web;

import static com.jm.job.master.web.PageParams.DEFAULT_PAGE;
import static com.jm.job.master.web.PageParams.DEFAULT_SIZE;

import com.jm.job.master.domain.TaskFilter;
import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.errors.InvalidFieldException;
import com.jm.job.master.service.Page;
import com.jm.job.master.service.TaskService;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tasks: the seed's insert, disable, enable and retry, plus reads, updates and run history. */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final TaskService tasks;
    private final PageParams pageParams;

    TaskController(TaskService tasks, PageParams pageParams) {
        this.tasks = tasks;
        this.pageParams = pageParams;
    }

    @PostMapping
    ResponseEntity<TaskView> insert(@Valid @RequestBody TaskRequest request) {
        TaskView task = TaskView.of(tasks.insert(request.groupId(), request.toDefinition()));
        return ResponseEntity.created(URI.create("/api/tasks/" + task.id())).body(task);
    }

    @GetMapping("/{id}")
    TaskView get(@PathVariable long id) {
        return TaskView.of(tasks.get(id));
    }

    @GetMapping
    Page<TaskView> list(
            @RequestParam(required = false) Long groupId,
            @RequestParam(required = false) TaskStatus status,
            @RequestParam(required = false) Boolean disabled,
            @RequestParam(required = false) String name,
            @RequestParam(defaultValue = DEFAULT_PAGE) int page,
            @RequestParam(defaultValue = DEFAULT_SIZE) int size) {
        TaskFilter filter = TaskFilter.of(groupId, status, disabled, name);
        return tasks.list(filter, pageParams.of(page, size)).map(TaskView::of);
    }

    @PutMapping("/{id}")
    TaskView update(@PathVariable long id, @Valid @RequestBody TaskUpdateRequest request) {
        return TaskView.of(tasks.update(id, request.toDefinition(), request.version()));
    }

    @PostMapping("/{id}/disable")
    TaskView disable(@PathVariable long id) {
        return TaskView.of(tasks.disable(id));
    }

    @PostMapping("/{id}/enable")
    TaskView enable(@PathVariable long id) {
        return TaskView.of(tasks.enable(id));
    }

    @PostMapping("/{id}/retry")
    TaskView retry(@PathVariable long id) {
        return TaskView.of(tasks.retry(id));
    }

    /**
     * A manual fire now, with its own params for that fire only when the body gives them. No body
     * (and no content type): the task's params. A body, once declared, must be a JSON object.
     */
    @PostMapping("/{id}/trigger")
    TaskView trigger(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @Valid @RequestBody(required = false) TriggerRequest request) {
        if (request == null && contentType != null) {
            throw new InvalidFieldException(
                    "params",
                    "the body must be a JSON object such as {\"params\":\"...\"}; send no body to run the task's own params");
        }
        return TaskView.of(tasks.trigger(id, request == null ? null : request.params()));
    }

    @GetMapping("/{id}/runs")
    Page<RunView> runs(
            @PathVariable long id,
            @RequestParam(defaultValue = DEFAULT_PAGE) int page,
            @RequestParam(defaultValue = DEFAULT_SIZE) int size) {
        return tasks.runs(id, pageParams.of(page, size)).map(RunView::of);
    }
}
