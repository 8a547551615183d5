package com.jm.job.client.master;

/**
 * The master refused a call (a 4xx answer other than an unknown node): usually configuration, such
 * as a wrong node token or a URL that does not point at a jm-job master. Retrying only helps once the
 * cause is fixed.
 */
public class MasterRejectedException extends MasterException {

    private final int status;

    public MasterRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the master answered with. */
    public int status() {
        return status;
    }
}
