package com.jm.job.master.audit;

import com.jm.job.master.domain.AuditRecord;
import com.jm.job.master.service.Page;
import com.jm.job.master.service.PageRequest;
import com.jm.job.master.store.AuditMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Records writes through the operators' API and the console, and lists them. */
@Service
public class AuditTrail {

    /**
     * A request attribute (an {@link Integer}) by which a console action names the status the API
     * would have answered it with; the console itself answers with a redirect back to its page.
     */
    public static final String OUTCOME_ATTRIBUTE = AuditTrail.class.getName() + ".outcome";

    private final AuditMapper audit;

    public AuditTrail(AuditMapper audit) {
        this.audit = audit;
    }

    /** In a transaction of its own: a refused or failed write is recorded too. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(AuditRecord record) {
        audit.insert(record);
    }

    @Transactional(readOnly = true)
    public Page<AuditRecord> list(PageRequest page) {
        return new Page<>(audit.list(page.offset(), page.size()), page.page(), page.size(), audit.count());
    }
}
