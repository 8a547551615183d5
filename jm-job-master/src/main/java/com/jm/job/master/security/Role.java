package com.jm.job.master.security;

import java.util.Arrays;
import java.util.Locale;

/** What a user of the operators' API may do. */
public enum Role {
    /** Reads: lists, details, history. */
    VIEWER,
    /** Reads and writes: insert, update, disable, enable, retry, node disable/enable, audit, actuator. */
    OPERATOR;

    static Role parse(String value, String property) {
        try {
            return Role.valueOf(value == null ? "" : value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    property + " must be one of " + Arrays.toString(values()) + ", not '" + value + "'");
        }
    }
}
