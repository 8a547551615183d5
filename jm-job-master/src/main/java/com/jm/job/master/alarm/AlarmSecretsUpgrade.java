package com.jm.job.master.alarm;

import com.jm.job.master.domain.AlarmRuleRecord;
import com.jm.job.master.store.AlarmMapper;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Brings stored webhook secrets to the current key once per start, so neither encrypting the
 * secrets of rules made before a key was configured (or before this version) nor moving them to a
 * new key needs an operator's step. Every master may do it at once: each row is written only
 * while it is as read, so the second writer of a row changes nothing. Without a key it only says
 * which rules keep secrets in clear.
 */
class AlarmSecretsUpgrade {

    private static final Logger log = LoggerFactory.getLogger(AlarmSecretsUpgrade.class);

    private final AlarmMapper alarms;
    private final AlarmSecrets secrets;
    /** Set once a pass went through; until then every detect pass tries again (the database may be away). */
    private volatile boolean done;

    AlarmSecretsUpgrade(AlarmMapper alarms, AlarmSecrets secrets) {
        this.alarms = alarms;
        this.secrets = secrets;
    }

    /**
     * One pass, unless one went through already; answers how many rules it wrote. It never fails
     * the detect pass it runs in: a database that is away leaves it for the next pass, a value
     * that does not decrypt leaves its rule as it is (its deliveries fail, naming the key).
     */
    int upgradeOnce() {
        if (done) {
            return 0;
        }
        int written = 0;
        List<Long> inClear = new ArrayList<>();
        try {
            for (AlarmRuleRecord rule : alarms.webhookRules()) {
                written += upgrade(rule);
                if (!secrets.encrypting() && secrets.anyInClear(rule)) {
                    inClear.add(rule.getId());
                }
            }
        } catch (DataAccessException e) {
            log.warn("Could not bring alarm rules' secrets to the current key; trying again at the next pass", e);
            return written;
        }
        if (written > 0) {
            log.info("Encrypted the webhook secrets of {} alarm rule(s) under the current params key", written);
        }
        if (!inClear.isEmpty()) {
            log.warn(
                    "Alarm rules {} keep webhook secrets (URL, header values, HMAC key) in clear in the database:"
                            + " configure jm.job.master.security.params-keys to encrypt them",
                    inClear);
        }
        done = true;
        return written;
    }

    private int upgrade(AlarmRuleRecord rule) {
        try {
            AlarmRuleRecord resealed = secrets.resealed(rule);
            return resealed == null ? 0 : alarms.resealRule(rule, resealed);
        } catch (IllegalStateException e) {
            log.warn("Alarm rule {}: its secrets stay as stored: {}", rule.getId(), e.getMessage());
            return 0;
        }
    }
}
