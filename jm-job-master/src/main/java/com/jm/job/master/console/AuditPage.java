package com.jm.job.master.console;

import com.jm.job.master.audit.AuditTrail;
import com.jm.job.master.service.Page;
import com.jm.job.master.web.AuditView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit trail, newest first; operators only, as in the API. */
@Controller
class AuditPage {

    private final AuditTrail trail;

    AuditPage(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/console/audit")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        Page<AuditView> entries = trail.list(Paging.of(page)).map(AuditView::of);
        model.addAttribute("entries", entries);
        model.addAttribute("pages", Paging.pages(entries));
        return "console/audit";
    }
}
