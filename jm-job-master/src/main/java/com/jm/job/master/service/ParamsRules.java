package com.jm.job.master.service;

import com.jm.job.master.domain.TaskRecord;
import com.jm.job.master.errors.InvalidFieldException;
import com.jm.job.master.security.ParamsCipher;
import org.springframework.stereotype.Component;

/**
 * Sensitive params: refused without a key to encrypt them with, stored encrypted, and so are the
 * params a trigger gives a sensitive task for one fire (they reach the node in clear only inside
 * the poll answer, like the task's own).
 */
@Component
class ParamsRules {

    private final ParamsCipher cipher;

    ParamsRules(ParamsCipher cipher) {
        this.cipher = cipher;
    }

    /** Checks the definition's params flag and sets the task's params as they are stored. */
    void apply(TaskDefinition definition, TaskRecord task) {
        if (definition.paramsSensitive() && !cipher.isConfigured()) {
            throw new InvalidFieldException(
                    "paramsSensitive",
                    "this master has no key to encrypt sensitive params with; set"
                            + " jm.job.master.security.params-keys[0].id and .key (openssl rand -base64 32), or"
                            + " send the params without paramsSensitive");
        }
        task.setParams(stored(definition.paramsSensitive(), definition.params()));
        task.setParamsSensitive(definition.paramsSensitive());
    }

    /** A trigger's params as stored for a task whose params are (or are not) sensitive. */
    String stored(boolean sensitive, String params) {
        return sensitive && params != null ? cipher.encrypt(params) : params;
    }
}
