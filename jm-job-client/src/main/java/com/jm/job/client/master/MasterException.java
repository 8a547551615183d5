package com.jm.job.client.master;

/** The master could not or would not answer a call; subclasses say which. */
public class MasterException extends RuntimeException {

    public MasterException(String message) {
        super(message);
    }

    public MasterException(String message, Throwable cause) {
        super(message, cause);
    }
}
