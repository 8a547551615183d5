package com.jm.job.master.domain;

/** How an alarm reaches people. */
public enum AlarmChannel {
    /** An HTTP POST of a JSON body, signed with HMAC-SHA256 when the rule has a secret. */
    WEBHOOK,
    /** A mail through the master's SMTP settings ({@code spring.mail.*}). */
    MAIL
}
