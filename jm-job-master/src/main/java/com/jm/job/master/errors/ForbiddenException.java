package com.jm.job.master.errors;

/** The caller is who it says it is, but may not do this (a node naming another node's run); 403. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
