package com.jm.job.master.web;

import static com.jm.job.master.web.PageParams.DEFAULT_PAGE;
import static com.jm.job.master.web.PageParams.DEFAULT_SIZE;

import com.jm.job.master.service.GroupService;
import com.jm.job.master.service.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Groups: create, list, inspect, pause and resume. */
@RestController
@Tag(name = ApiDocumentation.GROUPS)
@RequestMapping("/api/groups")
class GroupController {

    private final GroupService groups;
    private final PageParams pageParams;

    GroupController(GroupService groups, PageParams pageParams) {
        this.groups = groups;
        this.pageParams = pageParams;
    }

    @Operation(
            operationId = "createGroup",
            summary = "Create a group",
            description = "Names are unique. Nodes also create their group when they register with an unknown name.")
    @ApiResponse(responseCode = "201", description = "The group, created")
    @ApiResponse(responseCode = "409", description = "A group with this name exists")
    @PostMapping
    ResponseEntity<GroupView> create(@Valid @RequestBody GroupRequest request) {
        GroupView group = GroupView.of(groups.create(request.name()));
        return ResponseEntity.created(URI.create("/api/groups/" + group.id())).body(group);
    }

    @Operation(
            operationId = "listGroups",
            summary = "List groups",
            description = "All groups by id, one page at a time.")
    @GetMapping
    Page<GroupView> list(
            @Parameter(description = "page number, from 0", example = "0") @RequestParam(defaultValue = DEFAULT_PAGE)
                    int page,
            @Parameter(description = "page size, 1 to jm.job.master.max-page-size (200)", example = "20")
                    @RequestParam(defaultValue = DEFAULT_SIZE)
                    int size) {
        return groups.list(pageParams.of(page, size)).map(GroupView::of);
    }

    @Operation(
            operationId = "getGroup",
            summary = "Read a group",
            description = "The group with its task counts by status, its disabled tasks and its online nodes.")
    @GetMapping("/{id}")
    GroupDetailView get(@Parameter(description = "the group id", example = "1") @PathVariable long id) {
        return GroupDetailView.of(groups.get(id));
    }

    @Operation(
            operationId = "pauseGroup",
            summary = "Pause a group",
            description = "Once this returns no claim takes a task of the group; running runs finish, and slots that"
                    + " come while it is paused fire once after the resume. Idempotent.")
    @ApiResponse(responseCode = "200", description = "The group, paused")
    @PostMapping("/{id}/pause")
    GroupView pause(@Parameter(description = "the group id", example = "1") @PathVariable long id) {
        return GroupView.of(groups.setPaused(id, true));
    }

    @Operation(
            operationId = "resumeGroup",
            summary = "Resume a paused group",
            description = "Claims of its tasks go on; nodes waiting in a poll look again at once. Idempotent.")
    @ApiResponse(responseCode = "200", description = "The group, no longer paused")
    @PostMapping("/{id}/resume")
    GroupView resume(@Parameter(description = "the group id", example = "1") @PathVariable long id) {
        return GroupView.of(groups.setPaused(id, false));
    }
}
