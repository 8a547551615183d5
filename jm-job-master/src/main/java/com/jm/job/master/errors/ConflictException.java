package com.jm.job.master.errors;

/** The request is valid but the entity's current state forbids it, or a concurrent change won; 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
