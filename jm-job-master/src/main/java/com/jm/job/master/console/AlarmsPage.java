package com.jm.job.master.console;

import com.jm.job.master.alarm.AlarmService;
import com.jm.job.master.domain.DeliveryState;
import com.jm.job.master.service.Page;
import com.jm.job.master.service.PageRequest;
import com.jm.job.master.web.AlarmDeliveryView;
import com.jm.job.master.web.AlarmRuleView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Alarm rules (secrets only as "set") and their deliveries, newest first, by rule and state. */
@Controller
class AlarmsPage {

    private final AlarmService alarms;

    AlarmsPage(AlarmService alarms) {
        this.alarms = alarms;
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
}
