package com.jm.job.master.console;

import com.jm.job.master.alarm.AlarmService;
import com.jm.job.master.audit.AuditTrail;
import com.jm.job.master.domain.AlarmChannel;
import com.jm.job.master.domain.AlarmEvent;
import com.jm.job.master.domain.AlarmRuleRecord;
import com.jm.job.master.domain.AlarmScope;
import com.jm.job.master.domain.WebhookTemplate;
import com.jm.job.master.errors.ConflictException;
import com.jm.job.master.web.AlarmRuleRequest;
import com.jm.job.master.web.AlarmRuleView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Creating and editing an alarm rule. The form is checked as {@code POST /api/alarms} checks its
 * body (the API's request record, the same service), each message shown at its field. The page
 * says which secrets a rule has, never what they are.
 */
@Controller
class AlarmRuleFormPage {

    private final AlarmService alarms;
    private final FieldErrors fieldErrors;

    AlarmRuleFormPage(AlarmService alarms, FieldErrors fieldErrors) {
        this.alarms = alarms;
        this.fieldErrors = fieldErrors;
    }

    @GetMapping("/console/alarms/new")
    String create(Model model) {
        return form(model, new AlarmRuleForm(), null, Map.of());
    }

    @PostMapping("/console/alarms")
    String insert(
            @ModelAttribute("form") AlarmRuleForm form,
            Model model,
            HttpServletRequest request,
            RedirectAttributes flash) {
        AlarmRuleRequest body = form.toRequest();
        Map<String, String> errors = fieldErrors.check(form.problems(), body);
        AlarmRuleRecord created =
                errors.isEmpty() ? FieldErrors.orFieldError(errors, () -> alarms.create(body.toDefinition())) : null;
        if (created == null) {
            return refused(model, form, null, errors, request, 400);
        }
        request.setAttribute(AuditTrail.OUTCOME_ATTRIBUTE, 201);
        flash.addFlashAttribute(ConsoleActions.NOTICE, "alarm.created");
        return "redirect:/console/alarms";
    }

    @GetMapping("/console/alarms/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        return form(model, AlarmRuleForm.of(view(alarms.get(id))), id, Map.of());
    }

    @PostMapping("/console/alarms/{id}")
    String update(
            @PathVariable long id,
            @ModelAttribute("form") AlarmRuleForm form,
            Model model,
            HttpServletRequest request,
            RedirectAttributes flash) {
        AlarmRuleRequest body = form.toRequest();
        Map<String, String> errors = fieldErrors.check(form.problems(), body);
        try {
            if (errors.isEmpty()
                    && FieldErrors.orFieldError(errors, () -> alarms.update(id, body.toDefinition())) != null) {
                request.setAttribute(AuditTrail.OUTCOME_ATTRIBUTE, 200);
                flash.addFlashAttribute(ConsoleActions.NOTICE, "alarm.saved");
                return "redirect:/console/alarms";
            }
        } catch (ConflictException e) {
            model.addAttribute(ConsoleActions.PROBLEM, e.getMessage());
            return refused(model, form, id, errors, request, 409);
        }
        return refused(model, form, id, errors, request, 400);
    }

    /**
     * The form again, answered 200 as browsers expect it; the audit trail records the status the
     * API would have answered.
     */
    private String refused(
            Model model,
            AlarmRuleForm form,
            Long id,
            Map<String, String> errors,
            HttpServletRequest request,
            int status) {
        request.setAttribute(AuditTrail.OUTCOME_ATTRIBUTE, status);
        return form(model, form, id, errors);
    }

    private String form(Model model, AlarmRuleForm form, Long id, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("ruleId", id);
        // What is stored, read again here rather than taken from the form a browser sent back.
        model.addAttribute("stored", id == null ? null : view(alarms.get(id)));
        model.addAttribute("errors", errors);
        model.addAttribute("scopes", AlarmScope.values());
        model.addAttribute("allEvents", AlarmEvent.values());
        model.addAttribute("channels", AlarmChannel.values());
        model.addAttribute("templates", WebhookTemplate.values());
        return "console/alarm-form";
    }

    private AlarmRuleView view(AlarmRuleRecord rule) {
        return AlarmRuleView.of(rule, alarms.headerNames(rule));
    }
}
