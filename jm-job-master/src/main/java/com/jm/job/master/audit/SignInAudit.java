package com.jm.job.master.audit;

import com.jm.job.master.domain.AuditRecord;
import com.jm.job.master.security.SignInFailed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Records every checked and refused sign-in in the audit trail, with the client address. */
@Component
class SignInAudit {

    static final String ACTION = "SIGN_IN";
    private static final Logger log = LoggerFactory.getLogger(SignInAudit.class);
    private static final int ACTOR_MAX = 128;

    private final AuditTrail trail;

    SignInAudit(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void failed(SignInFailed failure) {
        AuditRecord record = new AuditRecord();
        String name = failure.name();
        record.setActor(name.length() > ACTOR_MAX ? name.substring(0, ACTOR_MAX) : name);
        record.setAction(ACTION);
        record.setOutcome(HttpStatus.UNAUTHORIZED.value());
        record.setDetail(failure.reason() + " from " + failure.address());
        try {
            trail.record(record);
        } catch (RuntimeException e) {
            log.error("Could not record the failed sign-in of {} from {}", record.getActor(), failure.address(), e);
        }
    }
}
