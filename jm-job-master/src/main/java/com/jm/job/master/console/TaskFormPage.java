package com.jm.job.master.console;

import com.jm.job.master.audit.AuditTrail;
import com.jm.job.master.domain.CronFlavour;
import com.jm.job.master.domain.OverlapPolicy;
import com.jm.job.master.domain.RunMode;
import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.errors.ConflictException;
import com.jm.job.master.service.SchedulePreview;
import com.jm.job.master.service.TaskService;
import com.jm.job.master.web.TaskRequest;
import com.jm.job.master.web.TaskUpdateRequest;
import com.jm.job.master.web.TaskView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Creating and editing a task. The form is checked as the API checks its body (the API's
 * request records and messages, the same service), each message shown at its field; the next
 * five fire times of the schedule are previewed while it is typed.
 */
@Controller
class TaskFormPage {

    static final int PREVIEW_COUNT = 5;

    private final TaskService tasks;
    private final SchedulePreview preview;
    private final FieldErrors fieldErrors;
    private final ConsoleGroups groups;

    TaskFormPage(TaskService tasks, SchedulePreview preview, FieldErrors fieldErrors, ConsoleGroups groups) {
        this.tasks = tasks;
        this.preview = preview;
        this.fieldErrors = fieldErrors;
        this.groups = groups;
    }

    @GetMapping("/console/tasks/new")
    String create(@RequestParam(required = false) Long groupId, Model model) {
        TaskForm form = new TaskForm();
        form.setGroupId(groupId == null ? null : groupId.toString());
        return form(model, form, null, Map.of());
    }

    @PostMapping("/console/tasks")
    String insert(
            @ModelAttribute("form") TaskForm form, Model model, HttpServletRequest request, RedirectAttributes flash) {
        TaskRequest body = form.toCreateRequest();
        Map<String, String> errors = fieldErrors.check(form.getNumberProblems(), body);
        TaskRecord created = errors.isEmpty()
                ? FieldErrors.orFieldError(errors, () -> tasks.insert(body.groupId(), body.toDefinition()))
                : null;
        if (created == null) {
            return refused(model, form, null, errors, request);
        }
        request.setAttribute(AuditTrail.OUTCOME_ATTRIBUTE, 201);
        flash.addFlashAttribute(ConsoleActions.NOTICE, "task.created");
        return "redirect:/console/tasks/" + created.getId();
    }

    @GetMapping("/console/tasks/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        return form(model, TaskForm.of(TaskView.of(tasks.get(id))), id, Map.of());
    }

    @PostMapping("/console/tasks/{id}")
    String update(
            @PathVariable long id,
            @ModelAttribute("form") TaskForm form,
            Model model,
            HttpServletRequest request,
            RedirectAttributes flash) {
        TaskUpdateRequest body = form.toUpdateRequest();
        Map<String, String> errors = fieldErrors.check(form.getNumberProblems(), body);
        if (errors.isEmpty()) {
            try {
                if (FieldErrors.orFieldError(errors, () -> tasks.update(id, body.toDefinition(), body.version()))
                        != null) {
                    request.setAttribute(AuditTrail.OUTCOME_ATTRIBUTE, 200);
                    flash.addFlashAttribute(ConsoleActions.NOTICE, "task.saved");
                    return "redirect:/console/tasks/" + id;
                }
            } catch (ConflictException e) {
                request.setAttribute(AuditTrail.OUTCOME_ATTRIBUTE, 409);
                model.addAttribute(ConsoleActions.PROBLEM, e.getMessage());
                return form(model, form, id, errors);
            }
        }
        return refused(model, form, id, errors, request);
    }

    /** The preview under the schedule fields, reloaded as they are typed. */
    @GetMapping("/console/tasks/preview")
    String preview(@ModelAttribute("form") TaskForm form, Model model) {
        TaskRequest schedule = form.toScheduleRequest();
        Map<String, String> errors = fieldErrors.check(schedule);
        List<?> times = errors.isEmpty()
                ? FieldErrors.orFieldError(errors, () -> preview.next(schedule.toDefinition(), PREVIEW_COUNT))
                : null;
        model.addAttribute("times", times);
        model.addAttribute("previewErrors", errors.values());
        model.addAttribute(
                "fixedDelay",
                form.getFixedDelay() != null && !form.getFixedDelay().isBlank());
        return "console/task-form :: preview";
    }

    private String refused(
            Model model, TaskForm form, Long id, Map<String, String> errors, HttpServletRequest request) {
        // The page itself is answered 200 (a form shown again, as browsers expect it); the audit
        // trail records the 400 the API would have answered.
        request.setAttribute(AuditTrail.OUTCOME_ATTRIBUTE, 400);
        return form(model, form, id, errors);
    }

    private String form(Model model, TaskForm form, Long id, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("taskId", id);
        model.addAttribute("errors", errors);
        model.addAttribute("groups", groups.all());
        model.addAttribute("flavours", CronFlavour.values());
        model.addAttribute("modes", RunMode.values());
        model.addAttribute("overlaps", OverlapPolicy.values());
        return "console/task-form";
    }
}
