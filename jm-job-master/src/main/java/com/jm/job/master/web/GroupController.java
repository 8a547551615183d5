package com.jm.job.master.web;

import static com.jm.job.master.web.PageParams.DEFAULT_PAGE;
import static com.jm.job.master.web.PageParams.DEFAULT_SIZE;

import com.jm.job.master.service.GroupService;
import com.jm.job.master.service.Page;
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
@RequestMapping("/api/groups")
class GroupController {

    private final GroupService groups;
    private final PageParams pageParams;

    GroupController(GroupService groups, PageParams pageParams) {
        this.groups = groups;
        this.pageParams = pageParams;
    }

    @PostMapping
    ResponseEntity<GroupView> create(@Valid @RequestBody GroupRequest request) {
        GroupView group = GroupView.of(groups.create(request.name()));
        return ResponseEntity.created(URI.create("/api/groups/" + group.id())).body(group);
    }

    @GetMapping
    Page<GroupView> list(
            @RequestParam(defaultValue = DEFAULT_PAGE) int page, @RequestParam(defaultValue = DEFAULT_SIZE) int size) {
        return groups.list(pageParams.of(page, size)).map(GroupView::of);
    }

    @GetMapping("/{id}")
    GroupDetailView get(@PathVariable long id) {
        return GroupDetailView.of(groups.get(id));
    }

    /** No new claims for the group's tasks; running runs finish; idempotent. */
    @PostMapping("/{id}/pause")
    GroupView pause(@PathVariable long id) {
        return GroupView.of(groups.setPaused(id, true));
    }

    /** Claims go on; slots missed while paused fire once. */
    @PostMapping("/{id}/resume")
    GroupView resume(@PathVariable long id) {
        return GroupView.of(groups.setPaused(id, false));
    }
}
