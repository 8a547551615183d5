package com.jm.job.master.web;

import static com.jm.job.master.web.PageParams.DEFAULT_PAGE;
import static com.jm.job.master.web.PageParams.DEFAULT_SIZE;

import com.jm.job.master.audit.AuditTrail;
import com.jm.job.master.service.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail, newest first; operators only. */
@RestController
@Tag(name = ApiDocumentation.AUDIT)
@RequestMapping("/api/audit")
class AuditController {

    private final AuditTrail trail;
    private final PageParams pageParams;

    AuditController(AuditTrail trail, PageParams pageParams) {
        this.trail = trail;
        this.pageParams = pageParams;
    }

    @Operation(
            operationId = "listAudit",
            summary = "Read the audit trail",
            description =
                    "Every write through the API, newest first: who, what, on which entity, and the status it was answered with. OPERATOR only.")
    @GetMapping
    Page<AuditView> list(
            @Parameter(description = "page number, from 0", example = "0") @RequestParam(defaultValue = DEFAULT_PAGE)
                    int page,
            @Parameter(description = "page size, 1 to jm.job.master.max-page-size (200)", example = "20")
                    @RequestParam(defaultValue = DEFAULT_SIZE)
                    int size) {
        return trail.list(pageParams.of(page, size)).map(AuditView::of);
    }
}
