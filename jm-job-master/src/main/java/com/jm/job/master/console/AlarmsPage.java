package com.jm.job.master.console;

import com.jm.job.master.alarm.AlarmService;
import com.jm.job.master.domain.DeliveryState;
import com.jm.job.master.service.Page;
import com.jm.job.master.service.PageRequest;
import com.jm.job.master.web.AlarmDeliveryView;
import com.jm.job.master.web.AlarmRuleView;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Alarm rules (secrets only as "set") and their deliveries, newest first, by rule and state; an
 * operator deletes a rule here (confirmed first) and creates or edits one on {@link AlarmRuleFormPage}.
 */
@Controller
class AlarmsPage {

    private final AlarmService alarms;
    private final ConsoleActions actions;

    AlarmsPage(AlarmService alarms, ConsoleActions actions) {
        this.alarms = alarms;
        this.actions = actions;
    }

    @GetMapping("/console/alarms")
    String list(
            @RequestParam(required = false) Long ruleId,
            @RequestParam(required = false) DeliveryState state,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        Page<AlarmDeliveryView> deliveries =
                alarms.deliveries(ruleId, state, Paging.of(page)).map(AlarmDeliveryView::of);
        model.addAttribute(
                "rules",
                alarms.list(new PageRequest(0, ConsoleGroups.MAX))
                        .map(r -> AlarmRuleView.of(r, alarms.headerNames(r)))
                        .items());
        model.addAttribute("deliveries", deliveries);
        model.addAttribute("pages", Paging.pages(deliveries));
        model.addAttribute("states", DeliveryState.values());
        model.addAttribute("ruleId", ruleId);
        model.addAttribute("state", state);
        return "console/alarms";
    }

    /** With its deliveries, as {@code DELETE /api/alarms/{id}} does. */
    @PostMapping("/console/alarms/{id}/delete")
    String delete(@PathVariable long id, HttpServletRequest request, RedirectAttributes flash) {
        actions.run(request, flash, "alarm.deleted", () -> alarms.delete(id));
        return "redirect:/console/alarms";
    }
}
