package com.jm.job.master.console;

import com.jm.job.master.audit.AuditTrail;
import com.jm.job.master.errors.ConflictException;
import com.jm.job.master.errors.InvalidFieldException;
import com.jm.job.master.errors.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Runs an operator's action from a console button and says how it went on the page it returns
 * to: the service's own message when it refuses (a conflict, an unknown id). The audit trail
 * records the outcome as the API would have answered it, not the redirect.
 */
@Component
class ConsoleActions {

    static final String NOTICE = "notice";
    static final String PROBLEM = "problem";

    /** Runs {@code action}; a refusal becomes the page's problem message. */
    void run(HttpServletRequest request, RedirectAttributes flash, String done, Runnable action) {
        try {
            action.run();
            request.setAttribute(AuditTrail.OUTCOME_ATTRIBUTE, 200);
            flash.addFlashAttribute(NOTICE, done);
        } catch (ConflictException e) {
            refused(request, flash, 409, e.getMessage());
        } catch (InvalidFieldException e) {
            refused(request, flash, 400, e.getMessage());
        } catch (NotFoundException e) {
            refused(request, flash, 404, e.getMessage());
        }
    }

    private static void refused(HttpServletRequest request, RedirectAttributes flash, int status, String message) {
        request.setAttribute(AuditTrail.OUTCOME_ATTRIBUTE, status);
        flash.addFlashAttribute(PROBLEM, message);
    }
}
