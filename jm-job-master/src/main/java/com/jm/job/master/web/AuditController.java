package com.jm.job.master.web;

import static com.jm.job.master.web.PageParams.DEFAULT_PAGE;
import static com.jm.job.master.web.PageParams.DEFAULT_SIZE;

import com.jm.job.master.audit.AuditTrail;
import com.jm.job.master.service.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail, newest first; operators only. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final AuditTrail trail;
    private final PageParams pageParams;

    AuditController(AuditTrail trail, PageParams pageParams) {
        this.trail = trail;
        this.pageParams = pageParams;
    }

    @GetMapping
    Page<AuditView> list(
            @RequestParam(defaultValue = DEFAULT_PAGE) int page, @RequestParam(defaultValue = DEFAULT_SIZE) int size) {
        return trail.list(pageParams.of(page, size)).map(AuditView::of);
    }
}
