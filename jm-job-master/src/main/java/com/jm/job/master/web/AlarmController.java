package com.jm.job.master.web;

import static com.jm.job.master.web.PageParams.DEFAULT_PAGE;
import static com.jm.job.master.web.PageParams.DEFAULT_SIZE;

import com.jm.job.master.alarm.AlarmService;
import com.jm.job.master.domain.AlarmRuleRecord;
import com.jm.job.master.domain.DeliveryState;
import com.jm.job.master.service.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Alarm rules (create, list, read, replace, delete) and the record of their deliveries. */
@RestController
@Tag(name = ApiDocumentation.ALARMS)
@RequestMapping("/api/alarms")
class AlarmController {

    /** A rule's id: anything but the deliveries' own path, so a PUT to that path is a 405, not a bad id. */
    private static final String ID = "/{id:(?!deliveries$).+}";

    private final AlarmService alarms;
    private final PageParams pageParams;

    AlarmController(AlarmService alarms, PageParams pageParams) {
        this.alarms = alarms;
        this.pageParams = pageParams;
    }

    @Operation(
            operationId = "createAlarmRule",
            summary = "Create an alarm rule",
            description = "Which events (of a task, a group or everything) go to which channel, with a silence"
                    + " window per task or group. Secrets are write-only: answers say only whether they are set.")
    @ApiResponse(responseCode = "201", description = "The rule, created")
    @PostMapping
    ResponseEntity<AlarmRuleView> create(@Valid @RequestBody AlarmRuleRequest request) {
        AlarmRuleView rule = view(alarms.create(request.toDefinition()));
        return ResponseEntity.created(URI.create("/api/alarms/" + rule.id())).body(rule);
    }

    @Operation(operationId = "listAlarmRules", summary = "List alarm rules", description = "By id, a page at a time.")
    @GetMapping
    Page<AlarmRuleView> list(
            @Parameter(description = "page number, from 0", example = "0") @RequestParam(defaultValue = DEFAULT_PAGE)
                    int page,
            @Parameter(description = "page size, 1 to jm.job.master.max-page-size (200)", example = "20")
                    @RequestParam(defaultValue = DEFAULT_SIZE)
                    int size) {
        return alarms.list(pageParams.of(page, size)).map(this::view);
    }

    @Operation(
            operationId = "listAlarmDeliveries",
            summary = "List alarm deliveries",
            description = "Every event a rule matched and how sending it went, newest first.")
    @GetMapping("/deliveries")
    Page<AlarmDeliveryView> deliveries(
            @Parameter(description = "only this rule's", example = "3") @RequestParam(required = false) Long ruleId,
            @Parameter(description = "only those in this state", example = "FAILED") @RequestParam(required = false)
                    DeliveryState state,
            @Parameter(description = "page number, from 0", example = "0") @RequestParam(defaultValue = DEFAULT_PAGE)
                    int page,
            @Parameter(description = "page size, 1 to jm.job.master.max-page-size (200)", example = "20")
                    @RequestParam(defaultValue = DEFAULT_SIZE)
                    int size) {
        return alarms.deliveries(ruleId, state, pageParams.of(page, size)).map(AlarmDeliveryView::of);
    }

    @Operation(
            operationId = "getAlarmRule",
            summary = "Read an alarm rule",
            description = "Secrets shown as set or not.")
    @GetMapping(ID)
    AlarmRuleView get(@Parameter(description = "the rule id", example = "3") @PathVariable long id) {
        return view(alarms.get(id));
    }

    @Operation(
            operationId = "updateAlarmRule",
            summary = "Replace an alarm rule",
            description = "The whole rule, except secrets left out (kept; an empty value clears one). With"
                    + " version, applies only while the rule is at that version.")
    @ApiResponse(responseCode = "200", description = "The rule, replaced")
    @ApiResponse(responseCode = "409", description = "The rule is no longer at the given version")
    @PutMapping(ID)
    AlarmRuleView update(
            @Parameter(description = "the rule id", example = "3") @PathVariable long id,
            @Valid @RequestBody AlarmRuleRequest request) {
        return view(alarms.update(id, request.toDefinition()));
    }

    @Operation(
            operationId = "deleteAlarmRule",
            summary = "Delete an alarm rule",
            description = "With its deliveries; nothing more is sent for it.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @DeleteMapping(ID)
    ResponseEntity<Void> delete(@Parameter(description = "the rule id", example = "3") @PathVariable long id) {
        alarms.delete(id);
        return ResponseEntity.noContent().build();
    }

    private AlarmRuleView view(AlarmRuleRecord rule) {
        return AlarmRuleView.of(rule, alarms.headerNames(rule));
    }
}
