package com.jm.job.client.master;

/**
 * No master answered: every configured URL was unreachable, timed out or answered with a server
 * error. Worth retrying later with back-off.
 */
public class MasterUnavailableException extends MasterException {

    public MasterUnavailableException(String message) {
        super(message);
    }

    public MasterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
