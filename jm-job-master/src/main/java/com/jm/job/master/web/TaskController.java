package com.jm.job.master.web;

import static com.jm.job.master.web.PageParams.DEFAULT_PAGE;
import static com.jm.job.master.web.PageParams.DEFAULT_SIZE;

import com.jm.job.master.domain.TaskFilter;
import com.jm.job.master.domain.TaskStatus;
import com.jm.job.master.errors.InvalidFieldException;
import com.jm.job.master.service.Page;
import com.jm.job.master.service.TaskService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
@Tag(name = ApiDocumentation.TASKS)
@RequestMapping("/api/tasks")
class TaskController {

    /** A task's id: anything but the batch's own path, so a GET or PUT there is a 405, not a bad id. */
    private static final String ID = "/{id:(?!batch$).+}";

    private final TaskService tasks;
    private final PageParams pageParams;

    TaskController(TaskService tasks, PageParams pageParams) {
        this.tasks = tasks;
        this.pageParams = pageParams;
    }

    @Operation(
            operationId = "createTask",
            summary = "Register a task",
            description =
                    "A task without cron is due at once (PENDING); with cron it waits for its first fire time (NOT_STARTED). The group must exist. Answers the task and its location.")
    @ApiResponse(responseCode = "201", description = "The task, created")
    @PostMapping
    ResponseEntity<TaskView> insert(@Valid @RequestBody TaskRequest request) {
        TaskView task = TaskView.of(tasks.insert(request.groupId(), request.toDefinition()));
        return ResponseEntity.created(URI.create("/api/tasks/" + task.id())).body(task);
    }

    @Operation(
            operationId = "createTasks",
            summary = "Register up to 1,000 tasks at once",
            description =
                    "Each task as POST /api/tasks takes it, all in one transaction: either every task is created, or none is and the problem body names the first bad one by its index (tasks[3].groupId). Answers the tasks in the order sent.")
    @ApiResponse(responseCode = "201", description = "The tasks, created, in the order sent")
    @PostMapping("/batch")
    ResponseEntity<TaskBatchView> insertAll(@Valid @RequestBody TaskBatchRequest request) {
        List<TaskService.NewTask> batch = request.tasks().stream()
                .map(t -> new TaskService.NewTask(t.groupId(), t.toDefinition()))
                .toList();
        List<TaskView> created =
                tasks.insertAll(batch).stream().map(TaskView::of).toList();
        return ResponseEntity.status(HttpStatus.CREATED).body(new TaskBatchView(created));
    }

    @Operation(
            operationId = "getTask",
            summary = "Read a task",
            description = "The task with its status, its current run and lease while running, and its next fire time.")
    @GetMapping(ID)
    TaskView get(@Parameter(description = "the task id", example = "42") @PathVariable long id) {
        return TaskView.of(tasks.get(id));
    }

    @Operation(
            operationId = "listTasks",
            summary = "List tasks",
            description = "Tasks matching every filter given, by id, one page at a time.")
    @GetMapping
    Page<TaskView> list(
            @Parameter(description = "only tasks of this group", example = "1") @RequestParam(required = false)
                    Long groupId,
            @Parameter(description = "only tasks in this status", example = "PENDING") @RequestParam(required = false)
                    TaskStatus status,
            @Parameter(description = "only disabled (true) or enabled (false) tasks", example = "false")
                    @RequestParam(required = false)
                    Boolean disabled,
            @Parameter(description = "only tasks whose name contains this text", example = "invoice")
                    @RequestParam(required = false)
                    String name,
            @Parameter(description = "page number, from 0", example = "0") @RequestParam(defaultValue = DEFAULT_PAGE)
                    int page,
            @Parameter(description = "page size, 1 to jm.job.master.max-page-size (200)", example = "20")
                    @RequestParam(defaultValue = DEFAULT_SIZE)
                    int size) {
        TaskFilter filter = TaskFilter.of(groupId, status, disabled, name);
        return tasks.list(filter, pageParams.of(page, size)).map(TaskView::of);
    }

    @Operation(
            operationId = "updateTask",
            summary = "Replace a task's definition",
            description =
                    "The whole definition: absent optional fields are cleared; the group cannot change. With version, applies only while the task is still at that version. A running task cannot be changed.")
    @ApiResponse(responseCode = "200", description = "The task as changed")
    @ApiResponse(responseCode = "409", description = "The task is running, or it is no longer at the given version")
    @PutMapping(ID)
    TaskView update(
            @Parameter(description = "the task id", example = "42") @PathVariable long id,
            @Valid @RequestBody TaskUpdateRequest request) {
        return TaskView.of(tasks.update(id, request.toDefinition(), request.version()));
    }

    @Operation(
            operationId = "disableTask",
            summary = "Disable a task",
            description =
                    "A soft delete: the task leaves the execution queue at once and never starts again until enabled; a running run is told to cancel. Disabling a disabled task changes nothing.")
    @PostMapping("/{id}/disable")
    TaskView disable(@Parameter(description = "the task id", example = "42") @PathVariable long id) {
        return TaskView.of(tasks.disable(id));
    }

    @Operation(
            operationId = "enableTask",
            summary = "Enable a task",
            description =
                    "Restores a disabled task: it is claimable again in the status it had. Enabling an enabled task changes nothing.")
    @PostMapping("/{id}/enable")
    TaskView enable(@Parameter(description = "the task id", example = "42") @PathVariable long id) {
        return TaskView.of(tasks.enable(id));
    }

    @Operation(
            operationId = "retryTask",
            summary = "Run a task again now",
            description =
                    "Moves an idle (NOT_STARTED) or failed (ERROR) task to PENDING, due now. A disabled, pending or running task cannot be retried.")
    @ApiResponse(responseCode = "200", description = "The task, pending")
    @ApiResponse(responseCode = "409", description = "The task is disabled, already pending or running")
    @PostMapping("/{id}/retry")
    TaskView retry(@Parameter(description = "the task id", example = "42") @PathVariable long id) {
        return TaskView.of(tasks.retry(id));
    }

    @Operation(
            operationId = "triggerTask",
            summary = "Fire a task now, optionally with its own params",
            description =
                    "A MANUAL fire now. With a body {\"params\": ...} the node gets those params for this fire only"
                            + " (kept through its automatic retries; the task's own params stay as they are, and the run"
                            + " history shows the params that ran). Without a body (and without a content type) the fire"
                            + " runs the task's params.")
    @ApiResponse(responseCode = "200", description = "The task, pending")
    @ApiResponse(responseCode = "409", description = "The task is disabled or running, or its group is paused")
    @PostMapping("/{id}/trigger")
    TaskView trigger(
            @Parameter(description = "the task id", example = "42") @PathVariable long id,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false)
                    String contentType,
            @Valid @RequestBody(required = false) TriggerRequest request) {
        if (request == null && contentType != null) {
            throw new InvalidFieldException(
                    "params",
                    "the body must be a JSON object such as {\"params\":\"...\"}; send no body to run the task's own params");
        }
        return TaskView.of(tasks.trigger(id, request == null ? null : request.params()));
    }
}
