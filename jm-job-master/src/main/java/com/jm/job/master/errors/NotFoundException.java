package com.jm.job.master.errors;

/** The addressed task, group, node or run does not exist; answered with 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }

    public static NotFoundException of(String kind, long id) {
        return new NotFoundException("no " + kind + " with id " + id);
    }
}
