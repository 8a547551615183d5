package com.jm.job.master.cron;

/** A cron expression its flavour cannot read; the message says what is wrong, for a person. */
class CronSyntaxException extends RuntimeException {

    CronSyntaxException(String message) {
        super(message);
    }
}
